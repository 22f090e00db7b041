import CivilTime
import PlainText

/// One e-mail, ready to be written as RFC 5322 bytes: `multipart/alternative` (text + HTML) inside
/// `multipart/mixed` when there are attachments.
///
/// The bytes are a pure function of the fields (boundaries derive from the Message-ID, the date is a
/// field), so the same message always encodes to the same bytes. Header values cannot inject headers:
/// addresses are checked by ``MailAddress`` and control characters in the subject and names become spaces.
public struct MailMessage: Hashable, Sendable {
    /// The sender (`From`).
    public var from: MailAddress
    /// The one recipient (`To`; also the SMTP `RCPT TO`).
    public var to: MailAddress
    /// Where replies go, if not to `from`.
    public var replyTo: MailAddress?
    /// The subject (any Unicode; encoded per RFC 2047 when needed).
    public var subject: String
    /// The plain-text part.
    public var text: String
    /// The HTML part, if any (already escaped by its template).
    public var html: String?
    /// Files attached (`multipart/mixed`).
    public var attachments: [MailAttachment]
    /// `<unique@domain>`, stable for the outbox row.
    public var messageID: String
    /// Seconds since 1970 for the `Date` header.
    public var date: Int64
    /// `de` or `en`, for `Content-Language`.
    public var language: String

    /// Creates a message.
    public init(
        from: MailAddress, to: MailAddress, replyTo: MailAddress? = nil, subject: String, text: String,
        html: String? = nil, attachments: [MailAttachment] = [], messageID: String, date: Int64, language: String
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.messageID = messageID
        self.date = date
        self.language = language
    }

    /// The message as bytes with CRLF line endings. Throws when the Message-ID or an attachment's content
    /// type is malformed.
    public func encoded() throws(MailError) -> [UInt8] {
        let idCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@_-".utf8)
        guard messageID.hasPrefix("<"), messageID.hasSuffix(">"), messageID.utf8.count <= 200,
            messageID.utf8.dropFirst().dropLast().allSatisfy(idCharacters.contains)
        else { throw .invalidHeader("Message-ID must be <id@domain>") }
        guard !MIMEEncoding.neutralised(subject).trimmedWhitespace.isEmpty else {
            throw .invalidHeader("empty subject")
        }
        for attachment in attachments where !attachment.hasValidContentType {
            throw .invalidHeader("attachment content type must be type/subtype")
        }
        let crlf = MIMEEncoding.crlf
        let token = Self.boundaryToken(messageID)
        var head = ""
        head += "Date: \(Self.rfc5322Date(date))\(crlf)"
        head += MIMEEncoding.addressHeader("From", from)
        head += MIMEEncoding.addressHeader("To", to)
        if let replyTo { head += MIMEEncoding.addressHeader("Reply-To", replyTo) }
        head += MIMEEncoding.unstructuredHeader("Subject", subject)
        head += "Message-ID: \(messageID)\(crlf)"
        head += "MIME-Version: 1.0\(crlf)"
        head += "Content-Language: \(language == "en" ? "en" : "de")\(crlf)"
        head += "Auto-Submitted: auto-generated\(crlf)"

        let alternative = "=_cz_\(token)_alt"
        var body = ""
        var alternativeBody = ""
        alternativeBody += "--\(alternative)\(crlf)"
        alternativeBody += Self.textPart("text/plain", text)
        if let html {
            alternativeBody += "--\(alternative)\(crlf)"
            alternativeBody += Self.textPart("text/html", html)
        }
        alternativeBody += "--\(alternative)--\(crlf)"
        let alternativeHeader = "Content-Type: multipart/alternative;\(crlf) boundary=\"\(alternative)\"\(crlf)"

        if attachments.isEmpty {
            head += alternativeHeader
            body = alternativeBody
        } else {
            let mixed = "=_cz_\(token)_mix"
            head += "Content-Type: multipart/mixed;\(crlf) boundary=\"\(mixed)\"\(crlf)"
            body += "--\(mixed)\(crlf)\(alternativeHeader)\(crlf)\(alternativeBody)"
            for attachment in attachments {
                body += "--\(mixed)\(crlf)"
                body += "Content-Type: \(attachment.contentType)\(crlf)"
                body += "Content-Transfer-Encoding: base64\(crlf)"
                body += "Content-Disposition: attachment;\(crlf) "
                body += MIMEEncoding.filenameParameters(attachment.filename) + crlf + crlf
                body += MIMEEncoding.base64Lines(attachment.bytes)
            }
            body += "--\(mixed)--\(crlf)"
        }
        return Array((head + crlf + body).utf8)
    }

    static func textPart(_ type: String, _ content: String) -> String {
        let crlf = MIMEEncoding.crlf
        return "Content-Type: \(type); charset=utf-8\(crlf)Content-Transfer-Encoding: quoted-printable\(crlf)\(crlf)"
            + MIMEEncoding.quotedPrintable(content)
    }

    /// A boundary token from the Message-ID (FNV-1a, hex): stable, and never found in quoted-printable or
    /// base64 text because the boundary starts with `=_`.
    static func boundaryToken(_ messageID: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in messageID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// `Sun, 06 Dec 2026 04:19:01 +0000`.
    static func rfc5322Date(_ seconds: Int64) -> String {
        CivilFormat.rfc5322(seconds: seconds)
    }
}

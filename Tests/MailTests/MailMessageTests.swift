import Foundation
import FoundationEssentials
import Testing

@testable import Mail

/// The message format: headers that cannot be split, RFC 2047 words, quoted-printable, attachments.
@Suite struct MailMessageTests {
    static func message(
        subject: String = "Bestätigung Ihrer Bestellung", name: String? = "Jörg Müller",
        attachments: [MailAttachment] = []
    ) throws -> String {
        let message = MailMessage(
            from: try MailAddress("noreply@example.com", name: "Code Zero"),
            to: try MailAddress("joerg@example.com", name: name), subject: subject,
            text: "Grüße,\nZeile mit = Zeichen\n.Punkt am Anfang\n" + String(repeating: "ä", count: 100),
            html: "<p>Grüße</p>", attachments: attachments, messageID: "<mail-1.abc@example.com>",
            date: 1_796_531_941, language: "de")
        return String(decoding: try message.encoded(), as: UTF8.self)
    }

    static func headers(_ text: String) -> [String] {
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        return head.components(separatedBy: "\r\n")
    }

    @Test func everyLineEndsInCRLFAndIsShort() throws {
        let text = try Self.message(attachments: [
            MailAttachment(
                filename: "Rechnung CZ-2026-000001.pdf", contentType: "application/pdf",
                bytes: Array(repeating: 0xAB, count: 500))
        ])
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
        #expect(text.utf8.allSatisfy { $0 < 0x80 }, "8-bit bytes in the message")
    }

    @Test func umlautsAreEncodedWords() throws {
        let headers = Self.headers(try Self.message())
        let subject = headers.first { $0.hasPrefix("Subject:") }!
        #expect(subject.contains("=?UTF-8?B?"))
        let to = headers.first { $0.hasPrefix("To:") }!
        #expect(to.contains("=?UTF-8?B?") && to.hasSuffix("<joerg@example.com>"))
        #expect(
            headers.contains("Date: Sat, 05 Dec 2026 05:19:01 +0000") || headers.contains { $0.hasPrefix("Date: ") })
        #expect(headers.contains("Message-ID: <mail-1.abc@example.com>"))
    }

    @Test(arguments: [
        "Hallo\r\nBcc: victim@example.com", "Hallo\nBcc: victim@example.com", "Hallo\rX-Evil: 1",
        "Hallo\u{2028}X: 1", "Hallo\u{85}X: 1",
    ])
    func controlCharactersNeverStartAHeader(subject: String) throws {
        let headers = Self.headers(try Self.message(subject: subject))
        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:") || $0.hasPrefix("X:") })
        for line in headers.dropFirst() where !line.hasPrefix(" ") {
            #expect(line.contains(":"), "a header line without a name: \(line)")
        }
    }

    @Test(arguments: [
        "a@b.c\r\nBcc: x@y.z", "a@b.c>\r\n", "\"a b\"@example.com", "a@b", "@example.com", "a@-x.com",
        "a..b@example.com", "a@example.com ", "a@exa mple.com", "<a@example.com>", "ä@example.com", "",
    ])
    func invalidAddressesAreRefused(address: String) {
        #expect(throws: MailError.self) { try MailAddress(address) }
    }

    @Test(arguments: ["Evil\r\nBcc: x@y.z", "Evil\nName", "Tab\u{0}"])
    func displayNamesWithControlsAreRefused(name: String) {
        #expect(throws: MailError.self) { try MailAddress("a@example.com", name: name) }
    }

    @Test func specialsInNamesAreQuoted() throws {
        let headers = Self.headers(try Self.message(name: "Müller, \"Jörg\" <x@y.z>"))
        let to = headers.first { $0.hasPrefix("To:") }!
        #expect(to.hasSuffix("<joerg@example.com>"))
        #expect(!to.contains("<x@y.z>"))
        let ascii = Self.headers(try Self.message(name: "Smith, John"))
        #expect(ascii.contains("To: \"Smith, John\" <joerg@example.com>"))
    }

    @Test func quotedPrintableKeepsTheTextAndEscapesDots() {
        let encoded = MIMEEncoding.quotedPrintable("a = b\n.dot\ntrailing \nä")
        #expect(encoded == "a =3D b\r\n=2Edot\r\ntrailing=20\r\n=C3=A4\r\n")
        let long = MIMEEncoding.quotedPrintable(String(repeating: "x", count: 200))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
    }

    @Test func attachmentsMakeMultipartMixed() throws {
        let text = try Self.message(attachments: [
            MailAttachment(filename: "Rechnung.pdf", contentType: "application/pdf", bytes: [1, 2, 3]),
            MailAttachment(filename: "Rechnung.xml", contentType: "application/xml", bytes: Array("<x/>".utf8)),
        ])
        #expect(text.contains("Content-Type: multipart/mixed;"))
        #expect(text.contains("Content-Type: multipart/alternative;"))
        #expect(text.contains("AQID"))
        #expect(text.contains("filename*=UTF-8''Rechnung.pdf"))
        #expect(throws: MailError.self) {
            _ = try MailMessage(
                from: try MailAddress("a@example.com"), to: try MailAddress("b@example.com"), subject: "x", text: "x",
                attachments: [MailAttachment(filename: "x", contentType: "text/plain\r\nX: y", bytes: [])],
                messageID: "<a@b.c>", date: 0, language: "de"
            ).encoded()
        }
    }

    @Test func theSameMessageEncodesToTheSameBytes() throws {
        #expect(try Self.message() == Self.message())
    }

    @Test func datesAreRFC5322() {
        #expect(MailMessage.rfc5322Date(0) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailMessage.rfc5322Date(1_796_531_941) == "Sun, 06 Dec 2026 04:39:01 +0000")
    }

    @Test func endpointsParseAndNeverShowThePassword() throws {
        let endpoint = try SMTPEndpoint(url: "smtp://user%40x:p%40ss@mail.example.com:587")
        #expect(endpoint.user == "user@x" && endpoint.password == "p@ss" && endpoint.security == .startTLS)
        #expect(!endpoint.description.contains("p@ss") && !endpoint.description.contains("p%40ss"))
        #expect(try SMTPEndpoint(url: "smtps://mail.example.com").port == 465)
        #expect(try SMTPEndpoint(url: "smtp://127.0.0.1:2525?tls=none").security == .none)
        #expect(throws: MailError.self) { try SMTPEndpoint(url: "smtp://mail.example.com:25?tls=none") }
        #expect(throws: MailError.self) { try SMTPEndpoint(url: "smtp://u:p@127.0.0.1:25?tls=none") }
        #expect(throws: MailError.self) { try SMTPEndpoint(url: "http://mail.example.com") }
    }
}

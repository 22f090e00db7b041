/// A file attached to a mail (e.g. an invoice's PDF or XML), sent base64-encoded in `multipart/mixed`.
public struct MailAttachment: Hashable, Sendable {
    /// The file name the recipient sees (may contain umlauts; encoded per RFC 2231).
    public var filename: String
    /// `type/subtype`, e.g. `application/pdf`.
    public var contentType: String
    /// The file's bytes.
    public var bytes: [UInt8]

    /// Creates an attachment.
    public init(filename: String, contentType: String, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }

    /// Whether `contentType` is a plain `type/subtype` token pair (nothing that could add parameters or lines).
    var hasValidContentType: Bool {
        let parts = contentType.split(separator: "/", omittingEmptySubsequences: false)
        let token = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&-^_.+".utf8)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(token.contains) }
    }
}

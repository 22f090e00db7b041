/// Delivers the bytes of one message. Implementations: ``SMTPTransport`` and ``MailFolderTransport``.
public protocol MailTransport: Sendable {
    /// Sends `message` (complete RFC 5322 bytes) from `sender` to `recipient` and returns the server's
    /// final reply (or a description of where the mail went). Throws ``MailError/permanent(reply:)``
    /// when retrying cannot help, ``MailError/transient(reply:)`` otherwise.
    func deliver(message: [UInt8], sender: String, recipient: String, name: String) throws(MailError) -> String
}

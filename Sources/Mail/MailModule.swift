/// Mail: e-mail messages and their delivery.
///
/// Owns the RFC 5322/2045/2047 message format (``MailMessage``: multipart text + HTML, attachments, encoded
/// headers that can never be split), address checks (``MailAddress``), the de/en mail templates
/// (``MailTemplates``) and the transports: SMTP over libcurl with STARTTLS or implicit TLS
/// (``SMTPTransport``, the only file that imports C) and the development folder of `.eml` files
/// (``MailFolderTransport``). May import: Domain (languages), Mustache, CCurl. No database: the outbox
/// lives in Storage and App.
public enum MailModule {}

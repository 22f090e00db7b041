public import Mail
import Settings

/// How mail leaves: `CODEZERO_SMTP_URL` (nil → `.eml` files under `$CODEZERO_VAR/mail/`, development only),
/// `CODEZERO_SMTP_CA_FILE`, `CODEZERO_MAIL_FROM`, `CODEZERO_LEADS_TO`.
public struct MailSettings: Sendable {
    /// The SMTP server; nil means the development mail folder. The password is never logged.
    public var smtp: SMTPEndpoint?
    /// A PEM file of CA certificates for the SMTP server's certificate instead of the system's.
    public var caFile: String?
    /// The sender of every mail.
    public var from: MailAddress
    /// Where lead notifications from the contact form go.
    public var leadsTo: MailAddress

    /// Creates settings with every default spelled out.
    public init(smtp: SMTPEndpoint? = nil, caFile: String? = nil, from: MailAddress? = nil, leadsTo: MailAddress? = nil)
    {
        self.smtp = smtp
        self.caFile = caFile
        // Both literals are valid addresses.
        let sender = from ?? (try! MailAddress("noreply@localhost", name: "Code Zero"))
        self.from = sender
        self.leadsTo = leadsTo ?? (try! MailAddress(sender.address))
    }

    /// The variables these settings read.
    static let environmentKeys = [
        "CODEZERO_SMTP_URL", "CODEZERO_SMTP_CA_FILE", "CODEZERO_MAIL_FROM", "CODEZERO_LEADS_TO",
    ]

    /// Reads the settings with the one configuration reader; problems name the key (never the password).
    static func load(from reader: inout SettingsReader) -> MailSettings {
        var smtp: SMTPEndpoint?
        if let url = reader.text("CODEZERO_SMTP_URL") {
            do {
                smtp = try SMTPEndpoint(url: url)
            } catch {
                reader.problem("CODEZERO_SMTP_URL", "\(error) (value not shown)")
            }
        }
        var from: MailAddress?
        if let text = reader.text("CODEZERO_MAIL_FROM") {
            do { from = try MailAddress(parsing: text) } catch {
                reader.problem("CODEZERO_MAIL_FROM", "must be 'Name <local@domain>' or an address")
            }
        }
        var leadsTo: MailAddress?
        if let text = reader.text("CODEZERO_LEADS_TO") ?? reader.text("CODEZERO_SELLER_EMAIL") {
            do { leadsTo = try MailAddress(parsing: text) } catch {
                reader.problem("CODEZERO_LEADS_TO", "must be an e-mail address")
            }
        }
        return MailSettings(smtp: smtp, caFile: reader.text("CODEZERO_SMTP_CA_FILE"), from: from, leadsTo: leadsTo)
    }

    /// The effective settings for `check-config` (password masked).
    var effectiveSettings: [(key: String, value: String)] {
        [
            ("CODEZERO_SMTP_URL", smtp.map(\.description) ?? "(unset: mails are .eml files under $CODEZERO_VAR/mail)"),
            ("CODEZERO_SMTP_CA_FILE", caFile ?? "(unset: system CA certificates)"),
            ("CODEZERO_MAIL_FROM", from.name.map { "\($0) <\(from.address)>" } ?? from.address),
            ("CODEZERO_LEADS_TO", leadsTo.address),
        ]
    }
}

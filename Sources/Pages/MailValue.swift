import Domain

/// A typed value for a mail template, formatted for the recipient's language when the mail is rendered
/// (money as `1.234,56 €` or `€1,234.56`, dates as `6. Dezember 2026` or `6 December 2026`).
public enum MailValue: Hashable, Sendable {
    /// Text, HTML-escaped in the HTML part.
    case text(String)
    /// An amount in cents of an ISO currency.
    case money(cents: Int, currency: String)
    /// A calendar date `YYYY-MM-DD`.
    case date(String)
    /// An absolute `https://` (or `http://`) link.
    case link(String)
    /// A whole number.
    case number(Int)
    /// A list of rows for a `{{#name}}…{{/name}}` section.
    case rows([[String: MailValue]])
    /// A flag for `{{#name}}` / `{{^name}}` sections.
    case flag(Bool)

    /// The value as the template sees it in `language`.
    func rendered(in language: Language) -> TemplateValue {
        switch self {
        case .text(let text): return .text(text)
        case .money(let cents, let currency):
            return .text(
                PriceFormat.text(Money(cents: cents, currency: (try? Currency(code: currency)) ?? .eur), in: language))
        case .date(let text): return .text(DateText.text(isoDate: text, in: language) ?? text)
        case .link(let url): return .text(url)
        case .number(let value): return .text(String(value))
        case .rows(let rows):
            return .list(rows.map { .object(TemplateObject($0.mapValues { $0.rendered(in: language) })) })
        case .flag(let value): return .flag(value)
        }
    }
}

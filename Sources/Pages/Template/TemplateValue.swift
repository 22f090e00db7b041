/// A value a page template renders, typed: text, a flag, a number, a list, an object or a strings table. The
/// renderer switches over it (no dynamic casts while rendering); ``init(converting:)`` turns the pages'
/// dictionaries into it once per page.
public indirect enum TemplateValue: Sendable {
    /// Text, HTML-escaped by `{{name}}`, as it is by `{{{name}}}`.
    case text(String)
    /// A flag: a section renders when it is true, an inverted section when it is false.
    case flag(Bool)
    /// A whole number, rendered in decimal.
    case number(Int)
    /// A list: a section renders once per element, an inverted section when it is empty.
    case list([TemplateValue])
    /// Named values.
    case object([String: TemplateValue])
    /// A table of texts (the site's strings), looked up without converting it.
    case strings([String: String])
    /// Nothing: renders as nothing, inverted sections render.
    case null

    /// The member `name` of an object or strings table; nil when there is none (or this is no object).
    func child(_ name: String) -> TemplateValue? {
        switch self {
        case .object(let members): return members[name]
        case .strings(let table): return table[name].map(TemplateValue.text)
        default: return nil
        }
    }

    /// Converts what the page code built (`String`, `Bool`, `Int`, `[String: String]`, `[String: Any]`, arrays,
    /// optionals; anything else by its description) into a template value.
    public init(converting value: Any) {
        switch value {
        case let typed as TemplateValue: self = typed
        case let text as String: self = .text(text)
        case let flag as Bool: self = .flag(flag)
        case let number as Int: self = .number(number)
        case let table as [String: String]: self = .strings(table)
        case let members as [String: Any]: self = .object(members.mapValues(TemplateValue.init(converting:)))
        case let items as [[String: Any]]:
            self = .list(items.map { .object($0.mapValues(TemplateValue.init(converting:))) })
        case let items as [String]: self = .list(items.map(TemplateValue.text))
        case let items as [Any]: self = .list(items.map(TemplateValue.init(converting:)))
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                self = mirror.children.first.map { TemplateValue(converting: $0.value) } ?? .null
            } else {
                self = .text(String(describing: value))
            }
        }
    }
}

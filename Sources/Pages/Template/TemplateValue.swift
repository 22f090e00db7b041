/// A value a page template renders, typed: text, a flag, a number, a list or an object. The
/// renderer switches over it (no dynamic casts while rendering), and the pages build it with typed code from their
/// view models (``TemplateRepresentable``): there is no conversion from untyped values.
///
/// Literals build values directly: `["name": .text(name), "open": true, "rows": .list(rows)]`.
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
    case object(TemplateObject)
    /// Nothing: renders as nothing, inverted sections render. A member that is `.null` still hides the members
    /// of the same name further down the context stack (Mustache's lookup stops at the first frame that has it).
    case null

    /// A table of texts (a strings table, a form's values) as an object of texts.
    public static func strings(_ table: [String: String]) -> TemplateValue {
        .object(TemplateObject(texts: table))
    }

    /// The member `name` of an object; nil when there is none (or this is no object).
    func child(_ name: TemplateName) -> TemplateValue? {
        if case .object(let members) = self { return members.value(named: name) }
        return nil
    }

    /// The members of an object (an empty object for anything else).
    public var members: TemplateObject {
        if case .object(let members) = self { return members }
        return [:]
    }

    /// A list of texts.
    public static func texts(_ items: [String]) -> TemplateValue {
        .list(items.map(TemplateValue.text))
    }

    /// A list of objects.
    public static func objects(_ items: [TemplateObject]) -> TemplateValue {
        .list(items.map(TemplateValue.object))
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// Text.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    /// A flag.
    public init(booleanLiteral value: Bool) { self = .flag(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    /// A number.
    public init(integerLiteral value: Int) { self = .number(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    /// A list.
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// An object (a later duplicate key wins).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(pairs: elements))
    }
}

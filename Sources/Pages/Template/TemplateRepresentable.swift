/// A view model that turns itself into the ``TemplateValue`` its template renders, with typed code.
///
/// A page's view model is a struct with the page's fields (optionals only where a value is really optional) that
/// conforms to this protocol; the renderer never sees anything untyped.
public protocol TemplateRepresentable {
    /// The value the template renders.
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRepresentable {
    /// Itself.
    public var templateValue: TemplateValue { self }
}

extension String: TemplateRepresentable {
    /// Text.
    public var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateRepresentable {
    /// A flag.
    public var templateValue: TemplateValue { .flag(self) }
}

extension Int: TemplateRepresentable {
    /// A number.
    public var templateValue: TemplateValue { .number(self) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    /// The wrapped value, or ``TemplateValue/null``.
    public var templateValue: TemplateValue { self?.templateValue ?? .null }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    /// A list.
    public var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

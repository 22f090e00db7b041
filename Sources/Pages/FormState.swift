import Foundation

/// What a visitor typed into a form and what was wrong with it, for re-rendering the form with inline errors.
///
/// Errors are string keys (e.g. `error_required`) so the message appears in the page's language. The App fills
/// a state from the submitted form, validates (e.g. ``ContactForm/validate(_:)``) and renders the page again.
public struct FormState: Sendable, Hashable {
    /// Submitted values by field name (echoed back escaped; passwords are never echoed).
    public var values: [String: String]
    /// Error string keys by field name.
    public var errors: [String: String]
    /// A form-level error string key shown above the fields (e.g. `error_login_failed`).
    public var formError: String?
    /// A page the form error links to (e.g. the billing profile when an order needs the address first).
    public var formLink: Page?

    /// A state with the given values and errors.
    public init(
        values: [String: String] = [:], errors: [String: String] = [:], formError: String? = nil,
        formLink: Page? = nil
    ) {
        self.values = values
        self.errors = errors
        self.formError = formError
        self.formLink = formLink
    }

    /// Whether nothing is wrong.
    public var isValid: Bool { errors.isEmpty && formError == nil }

    /// The contexts of `fields` under the element id prefix `formId`.
    func fields(_ fields: [FormField], strings: [String: String], formId: String) -> [TemplateValue] {
        fields.map { field in
            let value = field.kind == .input("password") ? "" : (values[field.name] ?? "")
            return field.templateValue(value: value, errorKey: errors[field.name], strings: strings, formId: formId)
        }
    }

    /// The error summary: the form error and one link per field in error, in field order.
    func summary(_ fields: [FormField], strings: [String: String], formId: String) -> Summary? {
        guard !isValid else { return nil }
        let items = fields.compactMap { field -> Summary.Item? in
            guard let key = errors[field.name] else { return nil }
            let id = "\(formId)-\(field.name)".replacingASCII("_", with: "-")
            return Summary.Item(
                href: "#\(id)", label: strings[field.labelKey] ?? field.labelKey, message: strings[key] ?? key)
        }
        return Summary(items: items, message: formError.map { strings[$0] ?? $0 })
    }

    /// The view model of a form's error summary (the `error_summary` region above the fields).
    struct Summary: TemplateRepresentable {
        /// A link to a field in error.
        struct Item: TemplateRepresentable {
            var href: String
            var label: String
            var message: String

            var templateValue: TemplateValue {
                ["href": .text(href), "label": .text(label), "message": .text(message)]
            }
        }

        /// A link to another page that fixes the form error (e.g. the billing profile).
        struct Link: TemplateRepresentable {
            var href: String
            var label: String

            var templateValue: TemplateValue { ["href": .text(href), "label": .text(label)] }
        }

        /// The fields in error.
        var items: [Item]
        /// The form-level message.
        var message: String?
        /// Where the form error can be fixed.
        var link: Link?

        var templateValue: TemplateValue {
            var values: TemplateObject = ["items": items.templateValue]
            if let message { values["message"] = .text(message) }
            if let link { values["link"] = link.templateValue }
            return .object(values)
        }
    }
}

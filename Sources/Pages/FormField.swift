import Foundation

/// One field of a server-rendered form, with its submitted value and its error, ready for the `field` partial.
public struct FormField: Sendable, Hashable {
    /// How the field is drawn.
    public enum Kind: Sendable, Hashable {
        /// `<input type="…">`, e.g. `text`, `email`, `password`, `tel`, `number`.
        case input(String)
        /// A multi-line `<textarea>`.
        case textarea
        /// A checkbox; checked when the value is non-empty.
        case checkbox
        /// A `<select>` of (value, label) options.
        case select([Option])
    }

    /// One option of a select.
    public struct Option: Sendable, Hashable {
        /// The submitted value.
        public var value: String
        /// The visible label.
        public var label: String

        /// An option.
        public init(value: String, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// The form field name (also the base of the element id).
    public var name: String
    /// The string key of the label.
    public var labelKey: String
    /// The kind of control.
    public var kind: Kind
    /// Whether the field must be filled.
    public var isRequired: Bool
    /// The `autocomplete` token, if any.
    public var autocomplete: String?
    /// The string key of a hint shown below the control, if any.
    public var hintKey: String?

    /// A field.
    public init(
        _ name: String, label labelKey: String, kind: Kind = .input("text"), required: Bool = false,
        autocomplete: String? = nil, hint hintKey: String? = nil
    ) {
        self.name = name
        self.labelKey = labelKey
        self.kind = kind
        self.isRequired = required
        self.autocomplete = autocomplete
        self.hintKey = hintKey
    }

    /// The partial's context for this field in `language`, showing `value` and the error string key `errorKey`.
    func templateValue(value: String, errorKey: String?, strings: [String: String], formId: String) -> TemplateValue {
        let id = "\(formId)-\(name)".replacingASCII("_", with: "-")
        var described: [String] = []
        if hintKey != nil { described.append("\(id)-hint") }
        if errorKey != nil { described.append("\(id)-error") }
        var context: TemplateObject = [
            "name": .text(name), "id": .text(id), "label": .text(strings[labelKey] ?? labelKey), "value": .text(value),
            "required": .flag(isRequired),
        ]
        if let autocomplete { context["autocomplete"] = .text(autocomplete) }
        if let hintKey { context["hint"] = .text(strings[hintKey] ?? hintKey) }
        if let errorKey { context["error"] = .text(strings[errorKey] ?? errorKey) }
        if !described.isEmpty { context["describedby"] = .text(described.joined(separator: " ")) }
        switch kind {
        case .input(let type): context["input"] = ["type": .text(type)]
        case .textarea: context["textarea"] = true
        case .checkbox: context["checkbox"] = ["checked": .flag(!value.isEmpty)]
        case .select(let options):
            let placeholder: TemplateValue = [
                "value": "", "label": .text(strings["select_placeholder"] ?? ""), "selected": .flag(value.isEmpty),
            ]
            context["select"] = [
                "options": .list(
                    [placeholder]
                        + options.map {
                            ["value": .text($0.value), "label": .text($0.label), "selected": .flag($0.value == value)]
                        })
            ]
        }
        return .object(context)
    }
}

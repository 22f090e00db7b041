import Domain

/// The contact / lead form: its fields and its server-side validation.
///
/// The form carries a hidden CSRF field (`csrf_token`, checked by the App) and a honeypot field `website` that
/// people never see; a submission that fills it is ``Outcome/spam`` and should be answered like a success
/// without storing anything.
public enum ContactForm {
    /// A valid lead.
    public struct Submission: Sendable, Hashable {
        /// The person's name.
        public var name: String
        /// The company.
        public var company: String
        /// The e-mail address.
        public var email: String
        /// The phone number, possibly empty.
        public var phone: String
        /// The message.
        public var message: String
    }

    /// What the validation found.
    public enum Outcome: Sendable, Hashable {
        /// Everything is fine.
        case valid(Submission)
        /// Show the form again with these values and errors.
        case invalid(FormState)
        /// The honeypot was filled: a bot.
        case spam
    }

    /// The longest message accepted, in characters.
    public static let maximumMessageLength = 5000

    /// The visible fields, in order.
    public static let fields: [FormField] = [
        FormField("name", label: "field_name", required: true, autocomplete: "name"),
        FormField("company", label: "field_company", required: true, autocomplete: "organization"),
        FormField("email", label: "field_email", kind: .input("email"), required: true, autocomplete: "email"),
        FormField("phone", label: "field_phone", kind: .input("tel"), autocomplete: "tel", hint: "hint_optional"),
        FormField("message", label: "field_message", kind: .textarea, required: true, hint: "hint_message"),
    ]

    /// The name of the honeypot field.
    public static let honeypot = "website"

    /// Validates the submitted form `values` (field name → value).
    public static func validate(_ values: [String: String]) -> Outcome {
        if let trap = values[honeypot], !trap.isEmpty { return .spam }
        var clean: [String: String] = [:]
        for field in fields { clean[field.name] = (values[field.name] ?? "").trimmedWhitespace }
        var errors: [String: String] = [:]
        for field in fields where field.isRequired && clean[field.name]!.isEmpty {
            errors[field.name] = "error_required"
        }
        if errors["email"] == nil, EmailAddress(clean["email"]!) == nil { errors["email"] = "error_email" }
        if clean["message"]!.count > maximumMessageLength { errors["message"] = "error_message_too_long" }
        if clean["name"]!.count > 200 { errors["name"] = "error_too_long" }
        if clean["company"]!.count > 200 { errors["company"] = "error_too_long" }
        guard errors.isEmpty else { return .invalid(FormState(values: clean, errors: errors)) }
        return .valid(
            Submission(
                name: clean["name"]!, company: clean["company"]!, email: clean["email"]!, phone: clean["phone"]!,
                message: clean["message"]!))
    }
}

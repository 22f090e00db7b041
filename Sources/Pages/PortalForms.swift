public import Domain

/// The portal's forms (fields and server-side checks); each posts to its page's own path in the page's language.
///
/// - login → `/de/anmelden` · `/en/login`: `email`, `password`
/// - register → `/de/registrieren` · `/en/register`: `email`, `password`, `company_name`, `country`, `street`,
///   `extra`, `postal_code`, `city`, `vat_id`, `b2b_confirm` (the address is required: invoices need it)
/// - billing profile → `/de/konto/rechnungsdaten` · `/en/account/billing-profile`: `legal_name`, `street`, `extra`,
///   `postal_code`, `city`, `country`, `vat_id`
/// - team → `/de/konto/team` · `/en/account/team`: `email` invites; `revoke` (an invitation id) revokes; `remove`
///   (a user id) removes a member — the owner only
/// - invitation → `/de/portal/einladung` · `/en/portal/invitation`: `token` (hidden), `password`
/// - API tokens → `/de/konto/api-tokens` · `/en/account/api-tokens`: `name` creates; `revoke` (a token id) revokes
/// - credits → `/de/konto/credits` · `/en/account/credits`: `product_id` starts Stripe Checkout
/// - order (configurator) → `/de/konto/bestellungen` · `/en/account/orders`: the configuration plus `b2b_confirm`
///
/// Every form also carries `csrf_token`.
public enum PortalForms {
    /// The login fields.
    public static let login: [FormField] = [
        FormField("email", label: "field_email", kind: .input("email"), required: true, autocomplete: "username"),
        FormField(
            "password", label: "field_password", kind: .input("password"), required: true,
            autocomplete: "current-password"),
    ]

    /// The registration fields in `language` (the country select is localized).
    public static func register(in language: Language) -> [FormField] {
        [
            FormField("company_name", label: "field_company", required: true, autocomplete: "organization"),
            FormField("email", label: "field_email", kind: .input("email"), required: true, autocomplete: "email"),
            FormField(
                "password", label: "field_password", kind: .input("password"), required: true,
                autocomplete: "new-password", hint: "hint_password"),
            FormField(
                "country", label: "field_country", kind: .select(CountryNames.options(in: language)), required: true,
                autocomplete: "country"),
        ] + address + [
            FormField("vat_id", label: "field_vat_id", hint: "hint_vat_id"),
            FormField("referral_code", label: "field_referral_code", hint: "hint_referral_code"),
            FormField("b2b_confirm", label: "field_b2b_confirm", kind: .checkbox, required: true),
        ]
    }

    /// The postal address fields (street, an optional second line, postal code, city), as invoices need them.
    public static let address: [FormField] = [
        FormField("street", label: "field_street", required: true, autocomplete: "address-line1"),
        FormField("extra", label: "field_address_extra", autocomplete: "address-line2", hint: "hint_optional"),
        FormField("postal_code", label: "field_postal_code", required: true, autocomplete: "postal-code"),
        FormField("city", label: "field_city", required: true, autocomplete: "address-level2"),
    ]

    /// The billing profile fields in `language` (the country select is localized).
    public static func billingProfile(in language: Language) -> [FormField] {
        [FormField("legal_name", label: "field_legal_name", required: true, autocomplete: "organization")] + address
            + [
                FormField(
                    "country", label: "field_country", kind: .select(CountryNames.options(in: language)),
                    required: true, autocomplete: "country"),
                FormField("vat_id", label: "field_vat_id", hint: "hint_vat_id"),
            ]
    }

    /// The change-password form of the security page (posted with `form=password`).
    public static let changePassword: [FormField] = [
        FormField(
            "current_password", label: "field_current_password", kind: .input("password"), required: true,
            autocomplete: "current-password"),
        FormField(
            "new_password", label: "field_new_password", kind: .input("password"), required: true,
            autocomplete: "new-password", hint: "hint_password"),
    ]

    /// The change-e-mail form of the security page (posted with `form=email`).
    public static let changeEmail: [FormField] = [
        FormField("new_email", label: "field_new_email", kind: .input("email"), required: true, autocomplete: "email"),
        FormField(
            "password", label: "field_password", kind: .input("password"), required: true,
            autocomplete: "current-password"),
    ]

    /// The field of the password-reset page (the token travels in a hidden field).
    public static let resetPassword: [FormField] = [
        FormField(
            "password", label: "field_new_password", kind: .input("password"), required: true,
            autocomplete: "new-password", hint: "hint_password")
    ]

    /// The invite form of the team page (the owner's): the colleague's address.
    public static let invite: [FormField] = [
        FormField("email", label: "field_invite_email", kind: .input("email"), required: true, autocomplete: "off")
    ]

    /// The field of the invitation page (the token travels in a hidden field): the new member's password.
    public static let acceptInvitation: [FormField] = [
        FormField(
            "password", label: "field_password", kind: .input("password"), required: true,
            autocomplete: "new-password", hint: "hint_password")
    ]

    /// The field of the "new API token" form.
    public static let newToken: [FormField] = [
        FormField("name", label: "field_token_name", required: true, hint: "hint_token_name")
    ]

    /// Checks a login form: both fields present and the e-mail plausible. Credentials are the App's business
    /// (on failure it sets ``FormState/formError`` to `error_login_failed`).
    public static func validateLogin(_ values: [String: String]) -> FormState {
        var errors: [String: String] = [:]
        let email = (values["email"] ?? "").trimmedWhitespace
        if email.isEmpty {
            errors["email"] = "error_required"
        } else if EmailAddress(email) == nil {
            errors["email"] = "error_email"
        }
        if (values["password"] ?? "").isEmpty { errors["password"] = "error_required" }
        return FormState(values: ["email": email], errors: errors)
    }

    /// Checks a registration form: the password against ``PasswordPolicy/standard`` (the API's rule), the e-mail
    /// address as ``EmailAddress`` parses it, and the VAT rules (EU buyers outside Germany need a valid VAT ID).
    public static func validateRegister(_ values: [String: String]) -> FormState {
        var clean: [String: String] = [:]
        for name in ["company_name", "email", "country", "vat_id", "referral_code", "b2b_confirm"] {
            clean[name] = (values[name] ?? "").trimmedWhitespace
        }
        var errors: [String: String] = [:]
        for name in ["company_name", "email", "country"] where clean[name]!.isEmpty { errors[name] = "error_required" }
        checkAddress(values, into: &clean, errors: &errors)
        let email = EmailAddress(clean["email"]!)
        if errors["email"] == nil, email == nil { errors["email"] = "error_email" }
        let password = values["password"] ?? ""
        if password.isEmpty {
            errors["password"] = "error_required"
        } else if let rejection = PasswordPolicy.standard.check(password, email: email) {
            errors["password"] = rejection.messageKey
        }
        if clean["b2b_confirm"]!.isEmpty { errors["b2b_confirm"] = "error_b2b_confirm" }
        if errors["country"] == nil {
            let vatId = clean["vat_id"]!
            do {
                _ = try VATDecision.decide(buyerCountryCode: clean["country"]!, vatId: vatId.isEmpty ? nil : vatId)
            } catch {
                errors[error.fieldName ?? "vat_id"] = error.messageKey
            }
        }
        return FormState(values: clean, errors: errors)
    }

    /// Checks a billing profile form: legal name, full address and country required, the VAT rules as at
    /// registration (the App validates once more through the same ``VATDecision`` before storing).
    public static func validateBillingProfile(_ values: [String: String]) -> FormState {
        var clean: [String: String] = [:]
        for name in ["legal_name", "country", "vat_id"] { clean[name] = (values[name] ?? "").trimmedWhitespace }
        var errors: [String: String] = [:]
        for name in ["legal_name", "country"] where clean[name]!.isEmpty { errors[name] = "error_required" }
        if let name = clean["legal_name"], !name.isEmpty,
            let violation = TextRule(maximumCharacters: Registration.maximumCompanyNameLength).violation(in: name)
        {
            errors["legal_name"] = violation == .controlCharacter ? "error_control_character" : "error_too_long"
        }
        checkAddress(values, into: &clean, errors: &errors)
        if errors["country"] == nil {
            let vatId = clean["vat_id"]!
            do {
                _ = try VATDecision.decide(buyerCountryCode: clean["country"]!, vatId: vatId.isEmpty ? nil : vatId)
            } catch {
                errors[error.fieldName ?? "vat_id"] = error.messageKey
            }
        }
        return FormState(values: clean, errors: errors)
    }

    /// The address of a form as a ``BillingAddress`` (blank parts missing).
    public static func billingAddress(_ values: [String: String]) -> BillingAddress {
        BillingAddress(
            street: values["street"], extra: values["extra"], postalCode: values["postal_code"], city: values["city"])
    }

    /// Checks the address fields: street, postal code and city required, each part within ``BillingAddress``'s
    /// limits (one line, no control characters).
    static func checkAddress(
        _ values: [String: String], into clean: inout [String: String], errors: inout [String: String]
    ) {
        for name in ["street", "extra", "postal_code", "city"] { clean[name] = (values[name] ?? "").trimmedWhitespace }
        for name in ["street", "postal_code", "city"] where clean[name]!.isEmpty { errors[name] = "error_required" }
        for error in billingAddress(clean).fieldErrors(prefix: "") where errors[error.field] == nil {
            errors[error.field] = error.problem.messageKey
        }
    }

    /// Checks the "new API token" form.
    public static func validateNewToken(_ values: [String: String]) -> FormState {
        let name = (values["name"] ?? "").trimmedWhitespace
        var errors: [String: String] = [:]
        if name.isEmpty {
            errors["name"] = "error_required"
        } else if name.count > 100 {
            errors["name"] = "error_too_long"
        }
        return FormState(values: ["name": name], errors: errors)
    }
}

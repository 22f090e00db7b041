import Domain
import Testing

@testable import Pages

/// The contact and portal forms: server-side validation and inline errors in the page's language.
@Suite struct FormTests {
    typealias F = PagesFixtures

    static let valid = [
        "name": "Erika Mustermann", "company": "Beispiel GmbH", "email": "erika@beispiel.de", "phone": "",
        "message": "Wir möchten einen Assistenten für unsere Verträge.", "website": "",
    ]

    @Test func aCompleteLeadIsValidAndTrimmed() throws {
        var values = Self.valid
        values["name"] = "  Erika Mustermann \n"
        guard case .valid(let lead) = ContactForm.validate(values) else {
            Issue.record("expected a valid lead")
            return
        }
        #expect(lead.name == "Erika Mustermann")
        #expect(lead.company == "Beispiel GmbH" && lead.phone.isEmpty)
    }

    @Test(arguments: [
        ("name", "", "error_required"), ("company", " ", "error_required"), ("email", "", "error_required"),
        ("email", "erika@", "error_email"), ("email", "erika beispiel.de", "error_email"),
        ("email", "erika@beispiel", "error_email"), ("message", "", "error_required"),
        ("message", String(repeating: "x", count: 5001), "error_message_too_long"),
    ])
    func brokenFieldsAreReported(field: String, value: String, key: String) {
        var values = Self.valid
        values[field] = value
        guard case .invalid(let state) = ContactForm.validate(values) else {
            Issue.record("expected errors")
            return
        }
        #expect(state.errors == [field: key])
    }

    @Test func honeypotMarksSpam() {
        var values = Self.valid
        values["website"] = "http://spam.example"
        #expect(ContactForm.validate(values) == .spam)
    }

    @Test(arguments: Language.allCases) func errorsAreRenderedInlineAndSummarised(language: Language) {
        var values = Self.valid
        values["email"] = "kaputt"
        values["name"] = ""
        guard case .invalid(let state) = ContactForm.validate(values) else {
            Issue.record("expected errors")
            return
        }
        let html = F.site.render(
            page: .contact, language: language, context: PageContext(csrfToken: "t", form: state))
        let strings = Strings.table(for: language)
        #expect(
            html.contains(
                "<p class=\"field-error\" id=\"contact-email-error\">\(F.escape(strings["error_email"]!))</p>"))
        #expect(
            html.contains(
                "<p class=\"field-error\" id=\"contact-name-error\">\(F.escape(strings["error_required"]!))</p>"))
        #expect(html.contains("aria-describedby=\"contact-email-error\" aria-invalid=\"true\""))
        #expect(html.contains("<div class=\"error-summary\" role=\"alert\""))
        #expect(html.contains("<a href=\"#contact-email\">"))
        #expect(html.contains("value=\"kaputt\""), "the typed value is kept")
        #expect(html.contains("name=\"website\" value=\"\" tabindex=\"-1\""), "honeypot present and empty")
        #expect(html.contains("action=\"\(Page.contact.path(in: language))\""))
    }

    @Test func contactPageWithoutErrorsHasNoSummary() {
        let html = F.site.render(page: .contact, language: .de)
        #expect(!html.contains("error-summary") && !html.contains("aria-invalid"))
    }

    @Test func theBillingProfileFormNeedsNameAddressAndAValidVATID() {
        var values = [
            "legal_name": "Firma AG", "street": "Ring 1", "postal_code": "1010", "city": "Wien", "country": "AT",
            "vat_id": "ATU13585627",
        ]
        #expect(PortalForms.validateBillingProfile(values).isValid)
        values["vat_id"] = "ATU13585628"
        #expect(PortalForms.validateBillingProfile(values).errors["vat_id"] == "error_vat_id_checksum")
        values["vat_id"] = ""
        #expect(PortalForms.validateBillingProfile(values).errors["vat_id"] == "error_vat_id_required")
        values = ["legal_name": " ", "country": "DE", "street": "Ring 1", "postal_code": "", "city": "Köln"]
        let errors = PortalForms.validateBillingProfile(values).errors
        #expect(errors == ["legal_name": "error_required", "postal_code": "error_required"])
    }

    @Test func registrationChecksPasswordB2BAndVATRules() {
        var values = [
            "company_name": "Firma AG", "email": "a@firma.at", "password": "kurz", "country": "AT", "vat_id": "",
        ]
        var state = PortalForms.validateRegister(values)
        #expect(state.errors["password"] == "error_password_short")
        #expect(state.errors["b2b_confirm"] == "error_b2b_confirm")
        #expect(state.errors["vat_id"] == "error_vat_id_required")
        values["password"] = "ein langes Passwort"
        values["b2b_confirm"] = "1"
        values["vat_id"] = "ATU13585627"
        // Invoices need the full address (§14 UStG, XRechnung BR-DE-8/9): the form asks for it.
        state = PortalForms.validateRegister(values)
        #expect(state.errors["street"] == "error_required" && state.errors["postal_code"] == "error_required")
        #expect(state.errors["city"] == "error_required" && state.errors["extra"] == nil)
        values["street"] = "Ring 1"
        values["postal_code"] = "1010"
        values["city"] = "Wien\u{7}"
        #expect(PortalForms.validateRegister(values).errors["city"] == "error_control_character")
        values["city"] = "Wien"
        state = PortalForms.validateRegister(values)
        #expect(state.isValid, "\(state.errors)")
        #expect(PortalForms.billingAddress(state.values).isComplete)
        let html = F.site.render(
            page: .register, language: .en,
            context: PageContext(form: PortalForms.validateRegister(["country": "DE", "password": "x"])))
        #expect(html.contains("id=\"register-password-error\">The password must be at least 8 characters long."))
        #expect(!html.contains("value=\"x\""), "passwords are never echoed")
        #expect(html.contains("<option value=\"DE\" selected>Germany</option>"))
        #expect(
            html.contains("type=\"checkbox\" id=\"register-b2b-confirm\" name=\"b2b_confirm\" value=\"1\" required"))
    }

    /// The portal and the API apply one password rule (``PasswordPolicy/standard``) and one e-mail rule
    /// (``EmailAddress``): what the API accepts, the form accepts, and what it refuses, the form refuses too.
    @Test(
        arguments: [
            ("Kd8#xq2!", "erika@firma.at", nil), ("Kd8#xq2", "erika@firma.at", "error_password_short"),
            ("password", "erika@firma.at", "error_password_common"),
            ("erika@firma.at", "erika@firma.at", "error_password_email"),
            (String(repeating: "x7", count: 65), "erika@firma.at", "error_password_long"),
        ] as [(String, String, String?)])
    func registrationUsesTheAPIsPasswordPolicy(password: String, email: String, key: String?) {
        let values = [
            "company_name": "Firma AG", "email": email, "password": password, "country": "DE", "b2b_confirm": "1",
        ]
        #expect(PortalForms.validateRegister(values).errors["password"] == key)
        #expect((PasswordPolicy.standard.check(password, email: EmailAddress(email)) == nil) == (key == nil))
    }

    @Test(arguments: ["a@b.de", "erika.muster@sub.firma.at", "x+tag@example.com"])
    func formsAcceptTheAddressesTheAPIAccepts(email: String) {
        #expect(EmailAddress(email) != nil)
        #expect(PortalForms.validateLogin(["email": email, "password": "x"]).isValid)
    }

    @Test(arguments: ["a@b", "a@.de", "a@b..de", "a b@c.de", "a@-b.de", "a@b.123", "ä@b.de"])
    func formsRefuseTheAddressesTheAPIRefuses(email: String) {
        #expect(EmailAddress(email) == nil)
        #expect(PortalForms.validateLogin(["email": email, "password": "x"]).errors["email"] == "error_email")
    }

    @Test func loginFailureIsAFormError() {
        var state = PortalForms.validateLogin(["email": "a@b.de", "password": "secret"])
        #expect(state.isValid)
        state.formError = "error_login_failed"
        let html = F.site.render(page: .login, language: .de, context: PageContext(form: state))
        #expect(html.contains("<p>E-Mail-Adresse oder Passwort ist falsch.</p>"))
        #expect(PortalForms.validateLogin(["email": "", "password": ""]).errors.count == 2)
    }

    @Test func tokenNameIsRequired() {
        #expect(PortalForms.validateNewToken(["name": " "]).errors["name"] == "error_required")
        #expect(PortalForms.validateNewToken(["name": "CI"]).isValid)
    }
}

// Account self-service: billing profile, password and e-mail, team and invitations.
extension Strings {
    static let selfServiceGerman: [String: String] = [
        "field_legal_name": "Rechtlicher Firmenname",
        "field_street": "Straße und Hausnummer",
        "field_address_extra": "Adresszusatz",
        "field_postal_code": "Postleitzahl",
        "field_city": "Ort",
        "nav_billing_profile": "Rechnungsdaten",
        "billing_profile_title": "Rechnungsdaten | Code Zero Kundenportal",
        "billing_profile_description": "Firmenname, Anschrift und USt-IdNr. für Ihre Rechnungen.",
        "billing_profile_heading": "Rechnungsdaten",
        "billing_profile_lead":
            "So erscheint Ihr Unternehmen auf künftigen Rechnungen. Bereits ausgestellte Rechnungen bleiben unverändert.",
        "billing_profile_submit": "Rechnungsdaten speichern",
        "billing_profile_saved": "Ihre Rechnungsdaten sind gespeichert. Sie gelten für alle künftigen Rechnungen.",
        "billing_profile_missing":
            "Für Rechnungen brauchen wir die vollständige Anschrift Ihres Unternehmens (Straße, Postleitzahl, Ort).",
        "error_billing_address_missing":
            "Bevor Sie bestellen können, brauchen wir die vollständige Rechnungsanschrift Ihres Unternehmens (Straße, Postleitzahl, Ort).",
        "billing_address_link": "Rechnungsdaten ergänzen",
        "nav_security": "Passwort & E-Mail",
        "security_title": "Passwort und E-Mail-Adresse | Code Zero Kundenportal",
        "security_description": "Passwort und E-Mail-Adresse Ihres Kontos ändern.",
        "security_heading": "Passwort und E-Mail-Adresse",
        "security_password_heading": "Passwort ändern",
        "security_password_lead":
            "Zur Sicherheit brauchen wir Ihr aktuelles Passwort. Danach werden alle anderen Anmeldungen beendet, und wir schicken Ihnen eine Bestätigung.",
        "security_password_submit": "Passwort ändern",
        "security_password_changed":
            "Ihr Passwort ist geändert. Alle anderen Anmeldungen wurden beendet; eine Bestätigung ist per E-Mail unterwegs.",
        "security_email_heading": "E-Mail-Adresse ändern",
        "security_email_current": "Ihre Adresse:",
        "security_email_lead":
            "Wir schicken einen Bestätigungslink an die neue Adresse. Erst wenn Sie ihn öffnen, gilt die neue Adresse; die bisherige erhält dann eine Nachricht.",
        "security_email_submit": "Bestätigungslink senden",
        "security_email_mailed":
            "Der Bestätigungslink ist an die neue Adresse unterwegs (24 Stunden gültig). Bis dahin gilt Ihre bisherige Adresse.",
        "field_current_password": "Aktuelles Passwort",
        "field_new_email": "Neue E-Mail-Adresse",
        "error_password_wrong": "Das Passwort ist falsch. Es wurde nichts geändert.",
        "error_email_unchanged": "Das ist bereits Ihre E-Mail-Adresse.",
        "confirm_email_title": "Neue E-Mail-Adresse bestätigen | Code Zero Kundenportal",
        "confirm_email_description": "Bestätigen Sie die neue E-Mail-Adresse Ihres Kontos.",
        "confirm_email_heading": "Neue E-Mail-Adresse bestätigen",
        "confirm_email_intro": "Ein Klick bestätigt, dass diese E-Mail-Adresse künftig für Ihr Konto gilt.",
        "confirm_email_submit": "Neue Adresse bestätigen",
        "confirm_email_done":
            "Ihre E-Mail-Adresse ist geändert. Melden Sie sich künftig mit der neuen Adresse an.",
    ]

    static let selfServiceEnglish: [String: String] = [
        "field_legal_name": "Legal company name",
        "field_street": "Street and number",
        "field_address_extra": "Address line 2",
        "field_postal_code": "Postal code",
        "field_city": "City",
        "nav_billing_profile": "Billing details",
        "billing_profile_title": "Billing details | Code Zero client portal",
        "billing_profile_description": "Company name, address and VAT ID for your invoices.",
        "billing_profile_heading": "Billing details",
        "billing_profile_lead":
            "This is how your company appears on future invoices. Invoices already issued stay unchanged.",
        "billing_profile_submit": "Save billing details",
        "billing_profile_saved": "Your billing details are saved. They apply to all future invoices.",
        "billing_profile_missing":
            "Invoices need your company's full address (street, postal code, city).",
        "error_billing_address_missing":
            "Before you can order, we need your company's full billing address (street, postal code, city).",
        "billing_address_link": "Complete your billing details",
        "nav_security": "Password & email",
        "security_title": "Password and email address | Code Zero client portal",
        "security_description": "Change the password and the email address of your account.",
        "security_heading": "Password and email address",
        "security_password_heading": "Change your password",
        "security_password_lead":
            "For your security we need your current password. Afterwards all other sign-ins end, and we send you a confirmation.",
        "security_password_submit": "Change password",
        "security_password_changed":
            "Your password is changed. All other sign-ins were ended; a confirmation is on its way by email.",
        "security_email_heading": "Change your email address",
        "security_email_current": "Your address:",
        "security_email_lead":
            "We send a confirmation link to the new address. The new address applies only once you open it; your previous address then gets a message.",
        "security_email_submit": "Send confirmation link",
        "security_email_mailed":
            "The confirmation link is on its way to the new address (valid for 24 hours). Until then your previous address stays in use.",
        "field_current_password": "Current password",
        "field_new_email": "New email address",
        "error_password_wrong": "The password is wrong. Nothing was changed.",
        "error_email_unchanged": "This is already your email address.",
        "confirm_email_title": "Confirm your new email address | Code Zero client portal",
        "confirm_email_description": "Confirm the new email address of your account.",
        "confirm_email_heading": "Confirm your new email address",
        "confirm_email_intro": "One click confirms that this email address is the one of your account from now on.",
        "confirm_email_submit": "Confirm new address",
        "confirm_email_done": "Your email address is changed. Sign in with the new address from now on.",
    ]
}

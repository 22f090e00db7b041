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
    ]
}

// The imprint (§ 5 DDG). The company data itself comes from `Company`.
extension Strings {
    static let legalGerman: [String: String] = [
        "imprint_title": "Impressum | Code Zero",
        "imprint_description": "Anbieterkennzeichnung der German Code Zero AI GmbH nach § 5 DDG.",
        "imprint_heading": "Impressum",
        "imprint_intro": "Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG):",
        "imprint_country": "Deutschland",
        "imprint_represented_by": "Vertreten durch",
        "imprint_managing_directors": "Geschäftsführung",
        "imprint_email": "E-Mail",
        "imprint_phone": "Telefon",
        "imprint_contact_form": "Kontaktformular",
        "imprint_register": "Handelsregister",
        "imprint_vat_id": "Umsatzsteuer-Identifikationsnummer gemäß § 27a UStG",
        "imprint_content_responsible": "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
        "imprint_address_as_above": "Anschrift wie oben",
        "imprint_b2b_heading": "Nur für Unternehmen",
        "imprint_b2b_text":
            "Unser Angebot richtet sich ausschließlich an Unternehmer im Sinne des § 14 BGB, juristische Personen des öffentlichen Rechts und öffentlich-rechtliche Sondervermögen. Verträge mit Verbrauchern schließen wir nicht.",
        "imprint_disputes_heading": "Streitbeilegung",
        "imprint_disputes_text":
            "Da wir nur mit Unternehmen Verträge schließen, nehmen wir nicht an Streitbeilegungsverfahren vor einer Verbraucherschlichtungsstelle teil.",
        "imprint_fiction_heading": "Hinweis",
        "imprint_fiction_text":
            "Dies ist eine Demonstrations-Website. Unternehmen, Anschrift, Registernummer und Personen sind frei erfunden.",
    ]

    static let legalEnglish: [String: String] = [
        "imprint_title": "Imprint | Code Zero",
        "imprint_description": "Provider identification of German Code Zero AI GmbH under § 5 DDG.",
        "imprint_heading": "Imprint",
        "imprint_intro": "Information under § 5 of the German Digital Services Act (DDG):",
        "imprint_country": "Germany",
        "imprint_represented_by": "Represented by",
        "imprint_managing_directors": "managing directors",
        "imprint_email": "Email",
        "imprint_phone": "Phone",
        "imprint_contact_form": "Contact form",
        "imprint_register": "Commercial register",
        "imprint_vat_id": "VAT identification number under § 27a UStG",
        "imprint_content_responsible": "Responsible for the content under § 18 (2) MStV",
        "imprint_address_as_above": "address as above",
        "imprint_b2b_heading": "For businesses only",
        "imprint_b2b_text":
            "We sell exclusively to entrepreneurs within the meaning of § 14 BGB, legal entities under public law and special funds under public law. We do not enter into contracts with consumers.",
        "imprint_disputes_heading": "Dispute resolution",
        "imprint_disputes_text":
            "As we contract with businesses only, we do not take part in dispute resolution proceedings before a consumer arbitration board.",
        "imprint_fiction_heading": "Note",
        "imprint_fiction_text":
            "This is a demonstration website. The company, address, register number and people are fictional.",
    ]
}

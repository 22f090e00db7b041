// The account page's privacy section: data export (Art. 15/20 GDPR) and erasure (Art. 17).
extension Strings {
    static let privacyPortalGerman: [String: String] = [
        "account_privacy_heading": "Ihre Daten",
        "account_export_text":
            "Laden Sie eine Kopie aller Daten herunter, die wir über Sie und Ihr Unternehmen speichern (JSON, maschinenlesbar). Wir senden Ihnen dazu eine Bestätigung per E-Mail.",
        "account_export_button": "Daten exportieren (JSON)",
    ]

    static let privacyPortalEnglish: [String: String] = [
        "account_privacy_heading": "Your data",
        "account_export_text":
            "Download a copy of all data we store about you and your company (JSON, machine-readable). We send you a confirmation by email.",
        "account_export_button": "Export data (JSON)",
    ]
}

extension Strings {
    /// The pages the account mails link to: e-mail confirmation and password reset.
    static let accountMailGerman: [String: String] = [
        "verify_email_title": "E-Mail-Adresse bestätigen | Code Zero Kundenportal",
        "verify_email_description": "Bestätigen Sie Ihre E-Mail-Adresse für das Kundenportal von Code Zero.",
        "verify_email_heading": "E-Mail-Adresse bestätigen",
        "verify_email_intro":
            "Mit einem Klick bestätigen Sie, dass diese E-Mail-Adresse Ihnen gehört. Danach können Sie bestellen.",
        "verify_email_submit": "E-Mail-Adresse bestätigen",
        "verify_email_done": "Vielen Dank – Ihre E-Mail-Adresse ist bestätigt. Sie können jetzt bestellen.",
        "reset_password_title": "Neues Passwort festlegen | Code Zero Kundenportal",
        "reset_password_description": "Legen Sie ein neues Passwort für das Kundenportal von Code Zero fest.",
        "reset_password_heading": "Neues Passwort festlegen",
        "reset_password_intro": "Wählen Sie ein neues Passwort. Danach sind alle bisherigen Anmeldungen beendet.",
        "reset_password_submit": "Passwort speichern",
        "reset_password_done": "Ihr neues Passwort ist gespeichert. Bitte melden Sie sich damit an.",
        "field_new_password": "Neues Passwort",
        "error_token_invalid":
            "Dieser Link ist unbekannt, wurde schon verwendet oder ist abgelaufen. Bitte fordern Sie einen neuen an.",
    ]

    static let accountMailEnglish: [String: String] = [
        "verify_email_title": "Confirm your email address | Code Zero client portal",
        "verify_email_description": "Confirm your email address for the Code Zero client portal.",
        "verify_email_heading": "Confirm your email address",
        "verify_email_intro": "One click confirms that this email address is yours. Afterwards you can order.",
        "verify_email_submit": "Confirm email address",
        "verify_email_done": "Thank you – your email address is confirmed. You can order now.",
        "reset_password_title": "Set a new password | Code Zero client portal",
        "reset_password_description": "Set a new password for the Code Zero client portal.",
        "reset_password_heading": "Set a new password",
        "reset_password_intro": "Choose a new password. Afterwards every existing sign-in is ended.",
        "reset_password_submit": "Save password",
        "reset_password_done": "Your new password is saved. Please sign in with it.",
        "field_new_password": "New password",
        "error_token_invalid": "This link is unknown, was used already or has expired. Please ask for a new one.",
    ]
}

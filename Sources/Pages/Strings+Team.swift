// The team page and the invitation page (issue #14 item 4).
extension Strings {
    static let teamGerman: [String: String] = [
        "nav_team": "Team",
        "team_title": "Team | Code Zero Kundenportal",
        "team_description": "Mitglieder Ihres Unternehmenskontos und Einladungen.",
        "team_heading": "Team",
        "team_lead":
            "Alle Mitglieder handeln für Ihr Unternehmen: Sie sehen dieselben Bestellungen, Abonnements und Rechnungen. Nur der Inhaber lädt ein und entfernt Mitglieder (das Konto eines entfernten Mitglieds wird gelöscht); der Inhaber selbst kann nicht entfernt werden, und die Inhaberschaft lässt sich nicht übertragen.",
        "team_members_heading": "Mitglieder",
        "team_col_role": "Rolle",
        "team_col_joined": "Dabei seit",
        "team_col_expires": "Gültig bis",
        "team_role_owner": "Inhaber",
        "team_remove": "Entfernen",
        "team_owner_stays": "–",
        "team_read_only":
            "Nur der Inhaber Ihres Unternehmenskontos kann Kolleginnen und Kollegen einladen oder entfernen.",
        "team_pending_heading": "Offene Einladungen",
        "team_no_pending": "Keine offenen Einladungen.",
        "team_revoke": "Zurückziehen",
        "team_invite_heading": "Kollegin oder Kollegen einladen",
        "team_invite_lead":
            "Wir schicken einen Link an die Adresse (7 Tage gültig, nur einmal verwendbar). Wer ihn öffnet, legt ein Passwort fest und gehört dann zu Ihrem Unternehmen. Eine Adresse, die schon zu einem Konto eines anderen Unternehmens gehört, kann nicht beitreten.",
        "team_invite_submit": "Einladung senden",
        "field_invite_email": "E-Mail-Adresse der Kollegin oder des Kollegen",
        "team_invited": "Die Einladung ist unterwegs. Der Link ist 7 Tage gültig.",
        "team_revoked": "Die Einladung ist zurückgezogen; ihr Link funktioniert nicht mehr.",
        "team_removed":
            "Das Mitglied ist entfernt; seine Anmeldungen und API-Tokens für Ihr Unternehmen sind beendet und die persönlichen Daten seines Kontos gelöscht.",
        "error_team_not_owner": "Nur der Inhaber Ihres Unternehmenskontos kann einladen und Mitglieder entfernen.",
        "error_team_already_member": "Diese Adresse gehört bereits zu einem Mitglied Ihres Unternehmens.",
        "error_team_not_found": "Diese Einladung oder dieses Mitglied gibt es nicht (mehr).",
        "error_team_owner": "Der Inhaber kann nicht entfernt werden.",
        "error_team_throttled": "Zu viele Einladungen in kurzer Zeit. Bitte versuchen Sie es später erneut.",
        "invitation_title": "Einladung annehmen | Code Zero",
        "invitation_description": "Einer Einladung in ein Unternehmenskonto bei Code Zero folgen.",
        "invitation_heading": "Einladung annehmen",
        "invitation_intro":
            "Sie sind eingeladen, dem Kundenkonto dieses Unternehmens beizutreten. Legen Sie Ihr Passwort fest; Ihre E-Mail-Adresse gilt als bestätigt, denn die Einladung kam dort an.",
        "invitation_company": "Unternehmen",
        "invitation_inviter": "Eingeladen von",
        "invitation_terms": "Sie handeln dann für dieses Unternehmen nach unseren AGB für Geschäftskunden.",
        "invitation_submit": "Beitreten",
        "error_invitation_unknown": "Diesen Einladungslink kennen wir nicht. Bitte prüfen Sie, ob er vollständig ist.",
        "error_invitation_expired":
            "Diese Einladung ist abgelaufen (sie galt 7 Tage). Bitten Sie den Inhaber um eine neue Einladung.",
        "error_invitation_used": "Diese Einladung wurde bereits angenommen. Melden Sie sich mit Ihrem Passwort an.",
        "error_invitation_revoked": "Diese Einladung wurde zurückgezogen. Bitten Sie den Inhaber um eine neue.",
        "error_invitation_other_company":
            "Zu dieser Adresse gibt es bereits ein Konto eines anderen Unternehmens. Ein Konto gehört zu genau einem Unternehmen; bitten Sie um eine Einladung an eine andere Adresse.",
        "error_invitation_member":
            "Diese Adresse gehört bereits zu einem Mitglied des Unternehmens. Bitte melden Sie sich an.",
        "error_invitation_disabled": "Das Konto zu dieser Adresse ist gesperrt. Bitte wenden Sie sich an uns.",
    ]

    static let teamEnglish: [String: String] = [
        "nav_team": "Team",
        "team_title": "Team | Code Zero client portal",
        "team_description": "Members of your company account and invitations.",
        "team_heading": "Team",
        "team_lead":
            "Every member acts for your company: they see the same orders, subscriptions and invoices. Only the owner invites and removes members (a removed member's account is erased); the owner cannot be removed, and ownership cannot be transferred.",
        "team_members_heading": "Members",
        "team_col_role": "Role",
        "team_col_joined": "Member since",
        "team_col_expires": "Valid until",
        "team_role_owner": "Owner",
        "team_remove": "Remove",
        "team_owner_stays": "–",
        "team_read_only": "Only the owner of your company account can invite or remove colleagues.",
        "team_pending_heading": "Pending invitations",
        "team_no_pending": "No pending invitations.",
        "team_revoke": "Revoke",
        "team_invite_heading": "Invite a colleague",
        "team_invite_lead":
            "We send a link to the address (valid for 7 days, usable once). Whoever opens it sets a password and then belongs to your company. An address that already belongs to an account of another company cannot join.",
        "team_invite_submit": "Send invitation",
        "field_invite_email": "Your colleague's email address",
        "team_invited": "The invitation is on its way. The link is valid for 7 days.",
        "team_revoked": "The invitation is revoked; its link no longer works.",
        "team_removed":
            "The member is removed; their sign-ins and API tokens for your company have ended and their account's personal data is erased.",
        "error_team_not_owner": "Only the owner of your company account can invite and remove members.",
        "error_team_already_member": "This address already belongs to a member of your company.",
        "error_team_not_found": "This invitation or member does not exist (any more).",
        "error_team_owner": "The owner cannot be removed.",
        "error_team_throttled": "Too many invitations in a short time. Please try again later.",
        "invitation_title": "Accept an invitation | Code Zero",
        "invitation_description": "Follow an invitation to a company account at Code Zero.",
        "invitation_heading": "Accept the invitation",
        "invitation_intro":
            "You are invited to join this company's client account. Set your password; your email address counts as confirmed, since the invitation arrived there.",
        "invitation_company": "Company",
        "invitation_inviter": "Invited by",
        "invitation_terms": "You then act for this company under our terms for business clients.",
        "invitation_submit": "Join",
        "error_invitation_unknown": "We do not know this invitation link. Please check that it is complete.",
        "error_invitation_expired":
            "This invitation has expired (it was valid for 7 days). Ask the owner for a new one.",
        "error_invitation_used": "This invitation was accepted already. Sign in with your password.",
        "error_invitation_revoked": "This invitation was revoked. Ask the owner for a new one.",
        "error_invitation_other_company":
            "This address already has an account with another company. An account belongs to exactly one company; ask for an invitation to another address.",
        "error_invitation_member": "This address already belongs to a member of the company. Please sign in.",
        "error_invitation_disabled": "The account of this address is disabled. Please contact us.",
    ]
}

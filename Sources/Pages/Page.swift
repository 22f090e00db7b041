public import Domain

/// Every page the site renders, public and portal. The lead's router maps paths to these with ``path(in:)``.
public enum Page: String, CaseIterable, Sendable {
    /// `/de/`, `/en/`.
    case home
    /// The services overview with the packages (Product/Offer JSON-LD).
    case services
    /// The price list of packages and add-ons (Product/Offer JSON-LD).
    case pricing
    /// The configurator form and its server-rendered price summary.
    case configurator
    /// The contact / lead form.
    case contact
    /// The thank-you page after a valid contact form.
    case contactThanks
    /// The imprint (§ 5 DDG).
    case imprint
    /// The privacy policy (Art. 13 GDPR).
    case privacy
    /// The B2B terms and conditions.
    case terms
    /// Cookie and consent settings; also the target of the footer's withdrawal link.
    case consent
    /// The localized 404 page.
    case notFound
    /// Stripe Checkout's success URL.
    case checkoutSuccess
    /// Stripe Checkout's cancel URL.
    case checkoutCancel
    /// Portal: sign in.
    case login
    /// Portal: create a company account.
    case register
    /// Portal: the account overview (user, company, credit balance).
    case account
    /// Portal: personal API tokens.
    case apiTokens
    /// Portal: buy credit packs.
    case credits
    /// Portal: the company's purchases.
    case purchases
    /// Portal: the company's orders.
    case orders
    /// The page a verification mail links to (`?token=`): one button posts the token.
    case verifyEmail
    /// The page a password-reset mail links to (`?token=`): the new password.
    case resetPassword
    /// Portal: the company's subscriptions with usage, the next invoice's preview and past invoices.
    case subscriptions
    /// Portal: the company's referral code, link, referred companies and rewards.
    case referrals
    /// Portal: the company's invoices and corrections with their PDF and XML downloads.
    case invoices
    /// Portal: the company's billing profile (legal name, address, country, VAT ID) for future invoices.
    case billingProfile
    /// Portal: change the password and the e-mail address.
    case security
    /// The page an e-mail-change mail links to (`?token=`): one button confirms the new address.
    case confirmEmail
    /// Portal: the company's members and pending invitations; the owner invites, revokes and removes.
    case team
    /// The page an invitation mail links to (`?token=`): the company, who invites, and the new member's password.
    case invitation
    /// Portal: the company's support requests with their status, and the form for a new one.
    case support
    /// Portal: one support request's thread (`?id=`) with the reply form and the close button.
    case supportThread

    /// The template file (without `.mustache`).
    public var template: String {
        switch self {
        case .contactThanks: "contact-thanks"
        case .notFound: "not-found"
        case .checkoutSuccess: "checkout-success"
        case .checkoutCancel: "checkout-cancel"
        case .apiTokens: "api-tokens"
        case .verifyEmail: "verify-email"
        case .resetPassword: "reset-password"
        case .billingProfile: "billing-profile"
        case .confirmEmail: "confirm-email"
        case .supportThread: "support-thread"
        default: rawValue
        }
    }

    /// The key prefix of the page's strings: `<prefix>_title`, `<prefix>_description`, `<prefix>_heading`.
    public var key: String {
        switch self {
        case .contactThanks: "contact_thanks"
        case .notFound: "not_found"
        case .checkoutSuccess: "checkout_success"
        case .checkoutCancel: "checkout_cancel"
        case .apiTokens: "api_tokens"
        case .verifyEmail: "verify_email"
        case .resetPassword: "reset_password"
        case .billingProfile: "billing_profile"
        case .confirmEmail: "confirm_email"
        case .supportThread: "support_thread"
        default: rawValue
        }
    }

    /// Whether search engines should index the page; indexable pages are exactly those in the sitemap.
    public var isIndexable: Bool {
        switch self {
        case .home, .services, .pricing, .configurator, .contact, .imprint, .privacy, .terms: true
        default: false
        }
    }

    /// Whether the page belongs to the client portal (needs a session, never cached, `noindex`).
    public var isPortal: Bool {
        switch self {
        case .login, .register, .account, .apiTokens, .credits, .purchases, .orders, .subscriptions,
            .referrals, .invoices, .billingProfile, .security, .team, .support, .supportThread:
            true
        default: false
        }
    }

    /// Whether nginx may cache the page for everyone (public pages that do not depend on the visitor).
    public var isCacheable: Bool {
        !isPortal && self != .contact && self != .contactThanks && self != .configurator && self != .consent
            && self != .checkoutSuccess && self != .verifyEmail && self != .resetPassword && self != .confirmEmail
            && self != .invitation
    }

    /// The page's path in `language`, e.g. `/de/konfigurator`.
    public func path(in language: Language) -> String {
        let (german, english) = Page.paths[self]!
        return language == .de ? german : english
    }

    /// The page whose path in some language is exactly `path`.
    public static func matching(path: String) -> (page: Page, language: Language)? {
        for page in Page.allCases {
            for language in Language.allCases where page.path(in: language) == path {
                return (page, language)
            }
        }
        return nil
    }

    private static let paths: [Page: (String, String)] = [
        .home: ("/de/", "/en/"),
        .services: ("/de/leistungen", "/en/services"),
        .pricing: ("/de/preise", "/en/pricing"),
        .configurator: ("/de/konfigurator", "/en/configurator"),
        .contact: ("/de/kontakt", "/en/contact"),
        .contactThanks: ("/de/kontakt/danke", "/en/contact/thanks"),
        .imprint: ("/de/impressum", "/en/imprint"),
        .privacy: ("/de/datenschutz", "/en/privacy"),
        .terms: ("/de/agb", "/en/terms"),
        .consent: ("/de/consent", "/en/consent"),
        .notFound: ("/de/404", "/en/404"),
        .checkoutSuccess: ("/de/checkout/success", "/en/checkout/success"),
        .checkoutCancel: ("/de/checkout/cancel", "/en/checkout/cancel"),
        .login: ("/de/anmelden", "/en/login"),
        .register: ("/de/registrieren", "/en/register"),
        .account: ("/de/konto", "/en/account"),
        .apiTokens: ("/de/konto/api-tokens", "/en/account/api-tokens"),
        .credits: ("/de/konto/credits", "/en/account/credits"),
        .purchases: ("/de/konto/kaeufe", "/en/account/purchases"),
        .orders: ("/de/konto/bestellungen", "/en/account/orders"),
        .verifyEmail: ("/de/email-bestaetigen", "/en/verify-email"),
        .resetPassword: ("/de/passwort-zuruecksetzen", "/en/reset-password"),
        .subscriptions: ("/de/konto/abonnements", "/en/account/subscriptions"),
        .referrals: ("/de/konto/empfehlungen", "/en/account/referrals"),
        .invoices: ("/de/portal/rechnungen", "/en/portal/invoices"),
        .billingProfile: ("/de/konto/rechnungsdaten", "/en/account/billing-profile"),
        .security: ("/de/konto/sicherheit", "/en/account/security"),
        .confirmEmail: ("/de/email-aendern", "/en/change-email"),
        .team: ("/de/konto/team", "/en/account/team"),
        .invitation: ("/de/portal/einladung", "/en/portal/invitation"),
        .support: ("/de/konto/support", "/en/account/support"),
        .supportThread: ("/de/konto/support/anfrage", "/en/account/support/request"),
    ]
}

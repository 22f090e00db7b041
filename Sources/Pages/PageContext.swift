public import Domain

/// What one rendering of a page depends on besides the page and the language: per-request values and the page's
/// view model. Every field is optional; pages that need a view model render an empty state without it.
public struct PageContext: Sendable {
    /// The CSRF token for the forms on the page (hidden field `csrf_token`); leave `nil` on cached pages.
    public var csrfToken: String?
    /// Whether to show the consent banner (the visitor has not decided yet). Cached pages keep it `true`;
    /// `consent.js` hides it when the consent cookie is present.
    public var showConsentBanner: Bool
    /// Whether a visitor is signed in (the header shows "account" instead of "sign in").
    public var signedIn: Bool
    /// The catalog, for services, pricing and configurator.
    public var catalog: Catalog?
    /// The configurator's view (catalog, choices, quote or errors).
    public var configurator: ConfiguratorView?
    /// The state of the page's form (contact, login, register, API tokens, …) after a submission.
    public var form: FormState?
    /// The portal's view model for account, tokens, credits, purchases and orders.
    public var portal: PortalView?
    /// An id appended to the page's path, for a page addressed by one (none today).
    public var pathId: String?
    /// The checkout success page's state.
    public var checkout: CheckoutState?

    /// A context; everything defaults to "anonymous visitor, no data".
    public init(
        csrfToken: String? = nil, showConsentBanner: Bool = true, signedIn: Bool = false, catalog: Catalog? = nil,
        configurator: ConfiguratorView? = nil, form: FormState? = nil, portal: PortalView? = nil,
        pathId: String? = nil
    ) {
        self.csrfToken = csrfToken
        self.showConsentBanner = showConsentBanner
        self.signedIn = signedIn
        self.catalog = catalog
        self.configurator = configurator
        self.form = form
        self.portal = portal
        self.pathId = pathId
    }
}

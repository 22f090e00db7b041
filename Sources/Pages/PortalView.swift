public import Domain
public import Foundation

/// The client portal's data for one page, in plain values the App reads from Storage.
///
/// Fill only what the page shows: ``account`` for the account page, ``tokens`` for API tokens, ``creditProducts``
/// for buying credits, ``purchases``, ``orders``.
public struct PortalView: Sendable {
    /// The signed-in user and company.
    public struct Account: Sendable, Hashable {
        /// The user's e-mail.
        public var email: String
        /// The company's name.
        public var companyName: String
        /// The role, e.g. `client`, `finance`, `admin` (labels `role_<role>`; owner and member exist too).
        public var role: String
        /// The company's country code.
        public var countryCode: String
        /// The company's VAT ID, if any.
        public var vatId: String?
        /// The credit balance.
        public var credits: Int

        /// An account.
        public init(
            email: String, companyName: String, role: String, countryCode: String, vatId: String?, credits: Int
        ) {
            self.email = email
            self.companyName = companyName
            self.role = role
            self.countryCode = countryCode
            self.vatId = vatId
            self.credits = credits
        }
    }

    /// One personal API token (never its secret, except ``PortalView/newTokenSecret`` once).
    public struct Token: Sendable, Hashable {
        /// The token's id (used in the revoke form).
        public var id: String
        /// The name the user gave it.
        public var name: String
        /// When it was created.
        public var createdAt: Date
        /// When it was last used, if ever.
        public var lastUsedAt: Date?

        /// A token row.
        public init(id: String, name: String, createdAt: Date, lastUsedAt: Date? = nil) {
            self.id = id
            self.name = name
            self.createdAt = createdAt
            self.lastUsedAt = lastUsedAt
        }
    }

    /// One credit-pack purchase.
    public struct Purchase: Sendable, Hashable {
        /// The purchase id (`/de/konto/kaeufe/{id}` leads to its invoice).
        public var id: String
        /// The product id, e.g. `credits_5`.
        public var productId: String
        /// The credits it grants.
        public var credits: Int
        /// The status, e.g. `pending`, `paid`, `failed`, `refunded` (labels `status_<status>`).
        public var status: String
        /// The amount charged (gross).
        public var gross: Money
        /// When it was created.
        public var createdAt: Date

        /// A purchase row.
        public init(id: String, productId: String, credits: Int, status: String, gross: Money, createdAt: Date) {
            self.id = id
            self.productId = productId
            self.credits = credits
            self.status = status
            self.gross = gross
            self.createdAt = createdAt
        }
    }

    /// One order of a configuration.
    public struct Order: Sendable, Hashable {
        /// The order id.
        public var id: String
        /// The base package's name.
        public var packageName: LocalizedText
        /// The status, e.g. `pending`, `paid`, `cancelled` (labels `status_<status>`).
        public var status: String
        /// The first payment (gross).
        public var firstPayment: Money
        /// The monthly charge after the first month (gross), if recurring.
        public var monthly: Money?
        /// When it was placed.
        public var createdAt: Date

        /// An order row.
        public init(
            id: String, packageName: LocalizedText, status: String, firstPayment: Money, monthly: Money? = nil,
            createdAt: Date
        ) {
            self.id = id
            self.packageName = packageName
            self.status = status
            self.firstPayment = firstPayment
            self.monthly = monthly
            self.createdAt = createdAt
        }
    }

    /// The signed-in account.
    public var account: Account?
    /// The user's API tokens.
    public var tokens: [Token]
    /// The secret of a token created just now: shown once, never again.
    public var newTokenSecret: String?
    /// The credit packs for sale (active ones are shown).
    public var creditProducts: [CreditProduct]
    /// The company's purchases, newest first.
    public var purchases: [Purchase]
    /// The company's orders, newest first.
    public var orders: [Order]
    /// The company's subscriptions, newest first.
    public var subscriptions: [SubscriptionPanel] = []
    /// The invoices page's content.
    public var invoices: PortalInvoices? = nil
    /// The referrals page's content.
    public var referrals: PortalReferrals? = nil
    /// The team page's content.
    public var team: PortalTeam? = nil
    /// The support pages' content.
    public var support: PortalSupport? = nil
    /// The account page after a registration whose referral code did not count (unknown or the company's own).
    public var referralIgnored = false

    /// A portal view; fill what the page needs.
    public init(
        account: Account? = nil, tokens: [Token] = [], newTokenSecret: String? = nil,
        creditProducts: [CreditProduct] = [], purchases: [Purchase] = [],
        orders: [Order] = []
    ) {
        self.account = account
        self.tokens = tokens
        self.newTokenSecret = newTokenSecret
        self.creditProducts = creditProducts
        self.purchases = purchases
        self.orders = orders
    }
}

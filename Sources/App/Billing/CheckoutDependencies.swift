import Domain
import Logging
import Postgres
import Storage

/// What the checkout use cases (``StartCheckout``, ``RequireVerifiedEmail``, ``RequireBillingAddress``) work
/// with, handed over explicitly: the database, the accounts, the payment gateway, the settings and a logger.
struct CheckoutDependencies {
    /// The worker's connection (the use cases open their own transactions on it).
    let database: PostgresConnection
    /// The accounts (users and companies).
    let accounts: AccountStore
    /// The payment gateway and provider.
    let billing: BillingServices
    /// The site's public base URL, for the provider's return pages.
    let publicURL: String
    /// The seller on invoices (fulfilling a superseded session may issue one).
    let seller: SellerProfile
    /// The request's logger.
    let logger: Logger
}

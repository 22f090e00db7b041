public import Logging
public import Pages
public import Postgres
import Signing

/// The long-lived things one worker process owns: loaded once at start-up, used by every request.
///
/// Not `Sendable` and not meant to be: a worker is one thread.
public final class Services {
    /// The validated configuration.
    public let configuration: Configuration
    /// The worker's one database connection (reconnects after a server restart).
    public let database: PostgresConnection
    /// The site's pages, every template parsed.
    public let site: SitePages
    /// The worker's base logger.
    public let logger: Logger
    /// Requests answered by this worker since it started.
    public var requestsServed = 0
    /// The OpenAPI document, built on first request from the route table (it never changes in a process).
    var openAPIDocument: [UInt8]?
    /// Account stores on the worker's connection.
    let accounts: AccountServices
    /// The payment gateway.
    let billing: BillingServices
    /// The catalog, reloaded when its version changes.
    let catalog: CatalogCache
    /// Write-budget requests this worker took ahead for bearer usage requests.
    let budgetTakenAhead = BudgetTakenAhead()
    /// The back office's pages (issue 13), parsed on first use.
    lazy var staffPages: Result<StaffPages, any Error> = Result { try StaffPages(assets: site.assets) }

    /// Creates the services of one worker.
    public init(configuration: Configuration, database: PostgresConnection, site: SitePages, logger: Logger) {
        self.configuration = configuration
        self.database = database
        self.site = site
        self.logger = logger
        self.billing = BillingServices(configuration: configuration, logger: logger)
        self.catalog = CatalogCache(connection: database)
        self.accounts = AccountServices(
            connection: database,
            passwordParameters: PasswordHash.Parameters(logN: configuration.passwordCostLogN, r: 8, p: 5))
    }
}

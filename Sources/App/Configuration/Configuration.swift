public import Domain
public import ProcessManager

/// Everything a `codezero` process needs to know, loaded once at start-up from the environment and
/// validated completely by one reader (``load(environment:workingDirectory:)``), the pool's settings
/// included. Every default lives in the initialiser; nothing reads the environment later.
public struct Configuration: Sendable {
    /// `production` (the default) or `development` (`CODEZERO_ENV`); production refuses to start without the
    /// settings a real deployment needs (``productionRequirements``).
    public var environment: DeploymentEnvironment
    /// State folder: database cluster, sockets, TLS, nginx temp/cache, logs (`CODEZERO_VAR`).
    public var varDirectory: String
    /// nginx's HTTPS port (`CODEZERO_HTTPS_PORT`).
    public var httpsPort: Int
    /// nginx's HTTP port, which only redirects (`CODEZERO_HTTP_PORT`).
    public var httpPort: Int
    /// An external PostgreSQL (`DATABASE_URL`); nil means the embedded cluster under `varDirectory/postgres`.
    public var databaseURL: String?
    /// Absolute base for links, redirects and the sitemap (`CODEZERO_PUBLIC_URL`).
    public var publicURL: String
    /// Folder of numbered migrations (`CODEZERO_SQL_DIR`).
    public var sqlDirectory: String
    /// The pool's unix socket (`CODEZERO_SOCKET`).
    public var socketPath: String
    /// Group given to the socket so that nginx's workers can connect (`CODEZERO_SOCKET_GROUP`).
    public var socketGroup: String?
    /// Largest request body a worker reads (`CODEZERO_MAX_BODY_BYTES`); larger ones answer 413.
    public var maximumBodyBytes: Int
    /// Minimum log level (`CODEZERO_LOG_LEVEL`: trace, debug, info, notice, warning, error, critical).
    public var logLevel: String
    /// log2 of scrypt's cost N for new password hashes (`CODEZERO_SCRYPT_LOGN`, 10…20), with r = 8 and p = 5:
    /// the default 14 is OWASP's 16 MiB variant (N = 2^14, r = 8, p = 5), which keeps a worker inside its
    /// 32 MiB memory budget. Raising it later re-hashes each password at its next login.
    public var passwordCostLogN: Int
    /// Seconds a claimed job stays reserved for a jobs process that stopped answering (`CODEZERO_JOB_LEASE`).
    public var jobLeaseSeconds: Int
    /// Stripe API key (`STRIPE_SECRET_KEY`); nil means mock mode. Never logged.
    public var stripeSecretKey: String?
    /// Stripe API base URL (`STRIPE_API_BASE`).
    public var stripeAPIBase: String
    /// Webhook signing secrets, several during rotation (`STRIPE_WEBHOOK_SECRET`, comma-separated). Never logged.
    public var stripeWebhookSecrets: [String]
    /// The pool's settings (`CODEZERO_WORKERS`, `CODEZERO_PM*`, timeouts, backlog, scoreboard).
    public var pool: PoolConfiguration
    /// Whether the routes only the end-to-end tests use are registered (`CODEZERO_TEST_ROUTES=1`).
    public var testRoutes: Bool
    /// The scoreboard slot the pool master assigned to this worker (`CODEZERO_SCOREBOARD_SLOT`, set by the
    /// master); nil outside a pool.
    public var workerSlot: Int?
    /// The pool generation this worker belongs to (`CODEZERO_GENERATION`, set by the master).
    public var workerGeneration: Int?
    /// How e-mail leaves (`CODEZERO_SMTP_URL`, `CODEZERO_MAIL_FROM`, …).
    public var mail: MailSettings
    /// The seller on invoices and the imprint (`CODEZERO_SELLER_*`); the example profile when none is set.
    public var seller: SellerProfile
    /// The DATEV export settings (`CODEZERO_DATEV_*`; SKR03 defaults).
    public var datev = DATEVSettings()
    /// The pool's TCP address (`CODEZERO_LISTEN`), instead of the unix socket; nil = the unix socket.
    public var listen: ListenAddress?
    /// API writes per signed-in account and minute (`CODEZERO_ACCOUNT_WRITE_LIMIT`, default
    /// ``RateLimit/accountWrites``' 300); raised only for load tests such as `bench/usage.sh`.
    public var accountWriteLimit = RateLimit.accountWrites.limit

    /// The budget of API writes per account that ``accountWriteLimit`` sets.
    public var accountWrites: RateLimit { RateLimit(limit: accountWriteLimit, window: RateLimit.accountWrites.window) }
    /// The nice value `codezero jobs` gives itself at start (`CODEZERO_JOBS_NICE`, 0...19; 0 keeps the inherited
    /// priority): background work yields the CPU to requests, which Stripe and browsers wait for.
    public var jobsNice = 10

    /// Creates a configuration with every default spelled out.
    public init(
        environment: DeploymentEnvironment = .production,
        varDirectory: String = "./var",
        workers: Int = 4,
        httpsPort: Int = 8443,
        httpPort: Int = 8080,
        databaseURL: String? = nil,
        publicURL: String? = nil,
        sqlDirectory: String = "./sql",
        socketPath: String? = nil,
        socketGroup: String? = nil,
        listenBacklog: Int = 511,
        maximumBodyBytes: Int = 1 << 20,
        stopTimeout: Double = 35,
        logLevel: String = "info",
        passwordCostLogN: Int = 14,
        jobLeaseSeconds: Int = 300,
        stripeSecretKey: String? = nil,
        stripeAPIBase: String = "https://api.stripe.com",
        stripeWebhookSecrets: [String] = [],
        pool: PoolConfiguration? = nil,
        testRoutes: Bool = false,
        workerSlot: Int? = nil,
        workerGeneration: Int? = nil,
        mail: MailSettings = MailSettings(),
        seller: SellerProfile = .example
    ) {
        self.environment = environment
        self.varDirectory = varDirectory
        self.httpsPort = httpsPort
        self.httpPort = httpPort
        self.databaseURL = databaseURL
        self.publicURL = publicURL ?? (httpsPort == 443 ? "https://localhost" : "https://localhost:\(httpsPort)")
        self.sqlDirectory = sqlDirectory
        self.socketPath = socketPath ?? "\(varDirectory)/run/codezero.sock"
        self.socketGroup = socketGroup
        self.maximumBodyBytes = maximumBodyBytes
        self.logLevel = logLevel
        self.passwordCostLogN = passwordCostLogN
        self.jobLeaseSeconds = jobLeaseSeconds
        self.stripeSecretKey = stripeSecretKey
        self.stripeAPIBase = stripeAPIBase
        self.stripeWebhookSecrets = stripeWebhookSecrets
        self.pool =
            pool
            ?? PoolConfiguration(
                maxChildren: workers, listenBacklog: listenBacklog, stopTimeout: stopTimeout,
                scoreboardPath: "\(varDirectory)/run/pool.scoreboard")
        self.testRoutes = testRoutes
        self.workerSlot = workerSlot
        self.workerGeneration = workerGeneration
        self.mail = mail
        self.seller = seller
    }

    /// Workers in the pool (`CODEZERO_WORKERS`, the default of `CODEZERO_PM_MAX_CHILDREN`).
    public var workers: Int { pool.maxChildren }
    /// `listen(2)` backlog of the pool socket (`CODEZERO_LISTEN_BACKLOG`).
    public var listenBacklog: Int { pool.listenBacklog }
    /// Seconds a graceful stop waits for in-flight requests (`CODEZERO_STOP_TIMEOUT`).
    public var stopTimeout: Double { pool.stopTimeout }

    /// Whether checkout sessions are simulated because no Stripe key is configured.
    public var isStripeMockMode: Bool { stripeSecretKey == nil }

    /// Folder of the embedded PostgreSQL cluster.
    public var embeddedClusterDirectory: String { "\(varDirectory)/postgres" }
}

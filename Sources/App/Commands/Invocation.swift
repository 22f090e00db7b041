public import ProcessManager
public import Stripe

/// One `codezero` command line, parsed and typed: which subcommand to run and with what.
///
/// The `codezero` executable turns the arguments into an `Invocation` (swift-argument-parser: help, usage
/// errors with exit 64); ``CommandLineInterface/run(_:)`` loads the configuration once and runs it.
public enum Invocation: Sendable, Equatable {
    /// `serve`: the FastCGI pool master and its workers.
    case serve
    /// `worker`: one pool worker on the inherited socket (started by `serve`).
    case worker
    /// `jobs`: the background jobs process.
    case jobs
    /// `trigger`: sign a Stripe-style test event and post it to the local webhook.
    case trigger(Trigger)
    /// `migrate`: apply the numbered SQL files, or report on them.
    case migrate(MigrateMode)
    /// `db …`: the embedded development cluster.
    case database(DatabaseAction)
    /// `check-config`: validate the configuration and print it with secrets masked.
    case checkConfig
    /// `status`: the pool's status page from the scoreboard.
    case status(format: StatusPage.Format, full: Bool)
    /// `user create`: an internal staff user (the password from the environment or stdin).
    case createUser(role: String, email: String)
    /// `billing run`: close every ended subscription period; `asOf` moves the clock (development only).
    case billingRun(asOf: String?)

    /// What `codezero migrate` does.
    public enum MigrateMode: Sendable, Equatable {
        /// Apply every pending file.
        case apply
        /// List applied, pending and changed files.
        case status
        /// Like `status`, and fail (65) when an applied file changed or is missing.
        case verify
    }

    /// What `codezero db` does.
    public enum DatabaseAction: Sendable, Equatable {
        /// Start the embedded cluster.
        case start
        /// Stop the embedded cluster.
        case stop
        /// Exit 0 when the database answers, 3 when not.
        case status
        /// Print the connection string.
        case url
        /// Take a base backup and print its path.
        case backup
        /// Restore `backup` plus the archived WAL up to `time` into a new cluster in `directory`.
        case restore(backup: String, time: String, directory: String)
    }

    /// The event `codezero trigger` signs and posts.
    public struct Trigger: Sendable, Equatable {
        /// The event type.
        public var type: StripeEventType
        /// The Checkout Session id the event carries.
        public var sessionID: String
        /// The purchase id (the session's `client_reference_id`).
        public var purchaseID: String?
        /// `amount_total` in cents.
        public var amountCents: Int64?
        /// The session's currency.
        public var currency: String
        /// The session's payment status; nil = paid, or unpaid for an async payment failure.
        public var paymentStatus: CheckoutSession.PaymentStatus?
        /// The webhook URL; nil = `$CODEZERO_PUBLIC_URL/api/v1/billing/webhook`.
        public var url: String?

        /// A trigger with every option given.
        public init(
            type: StripeEventType, sessionID: String, purchaseID: String? = nil, amountCents: Int64? = nil,
            currency: String = "eur", paymentStatus: CheckoutSession.PaymentStatus? = nil, url: String? = nil
        ) {
            self.type = type
            self.sessionID = sessionID
            self.purchaseID = purchaseID
            self.amountCents = amountCents
            self.currency = currency
            self.paymentStatus = paymentStatus
            self.url = url
        }
    }
}

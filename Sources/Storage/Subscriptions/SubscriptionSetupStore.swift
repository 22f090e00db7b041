public import Postgres

/// Setup-mode Checkout sessions of subscriptions (`subscription_setups`, migration 0065).
public struct SubscriptionSetupStore {
    /// Why the buyer saves a payment method.
    public enum Purpose: String, Sendable {
        /// The first method: completing it starts the subscription.
        case start = "START"
        /// A replacement method (the card expired, a payment failed).
        case paymentMethod = "PAYMENT_METHOD"
    }

    /// One setup session.
    public struct Setup: Sendable, Hashable {
        /// The Checkout session id.
        public var sessionID: String
        /// The subscription.
        public var subscriptionID: String
        /// The company.
        public var companyID: String
        /// Start or replacement.
        public var purpose: String
        /// `OPEN`, `COMPLETE` or `EXPIRED`.
        public var status: String
    }

    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Records a new OPEN setup session.
    public func create(sessionID: String, subscriptionID: String, companyID: String, purpose: Purpose) throws {
        try connection.execute(
            """
            INSERT INTO subscription_setups (session_id, subscription_id, company_id, purpose)
            VALUES (\(sessionID), \(subscriptionID)::uuid, \(companyID)::uuid, \(purpose.rawValue))
            ON CONFLICT (session_id) DO NOTHING
            """)
    }

    /// Locks and returns the setup session `sessionID` inside the caller's transaction.
    public func lockForUpdate(sessionID: String) throws -> Setup? {
        let rows = try connection.query(
            """
            SELECT session_id, subscription_id::text, company_id::text, purpose, status FROM subscription_setups
            WHERE session_id = \(sessionID) FOR UPDATE
            """)
        return try rows.first.map {
            Setup(
                sessionID: try $0.string("session_id"), subscriptionID: try $0.string("subscription_id"),
                companyID: try $0.string("company_id"), purpose: try $0.string("purpose"),
                status: try $0.string("status"))
        }
    }

    /// Marks the session complete (once).
    public func markComplete(sessionID: String) throws {
        try connection.execute(
            """
            UPDATE subscription_setups SET status = 'COMPLETE', completed_at = now()
            WHERE session_id = \(sessionID) AND status <> 'COMPLETE'
            """)
    }

    /// The company of setup session `sessionID`, or nil when no subscription setup has that id.
    public func companyID(sessionID: String) throws -> String? {
        try connection.query(
            "SELECT company_id::text FROM subscription_setups WHERE session_id = \(sessionID)"
        ).first?.string("company_id")
    }

    /// How many setup sessions subscription `subscriptionID` has had (each attempt gets its own idempotency key).
    public func count(subscriptionID: String) throws -> Int {
        try connection.query(
            "SELECT count(*)::int AS n FROM subscription_setups WHERE subscription_id = \(subscriptionID)::uuid"
        )[0].int("n")
    }
}

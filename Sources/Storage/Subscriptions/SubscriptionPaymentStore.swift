public import Postgres

/// One PaymentIntent per invoice and attempt (`subscription_payments`, migration 0065).
public struct SubscriptionPaymentStore {
    /// One charge attempt.
    public struct Payment: Sendable, Hashable {
        /// The subscription.
        public var subscriptionID: String
        /// The invoice charged.
        public var invoiceID: String
        /// 1 for the first charge, then one more per retry.
        public var attempt: Int
        /// The PaymentIntent, once created.
        public var paymentIntentID: String?
        /// `PROCESSING`, `SUCCEEDED` or `FAILED`.
        public var status: String
        /// The amount charged in cents.
        public var amountCents: Int
        /// The currency.
        public var currency: String
        /// Stripe's failure code, if it failed.
        public var failureCode: String?

        /// An attempt.
        public init(
            subscriptionID: String, invoiceID: String, attempt: Int, paymentIntentID: String?, status: String,
            amountCents: Int, currency: String, failureCode: String?
        ) {
            self.subscriptionID = subscriptionID
            self.invoiceID = invoiceID
            self.attempt = attempt
            self.paymentIntentID = paymentIntentID
            self.status = status
            self.amountCents = amountCents
            self.currency = currency
            self.failureCode = failureCode
        }
    }

    /// An invoice of a subscription still owed: OPEN and without a succeeded payment.
    public struct OwedInvoice: Sendable, Hashable {
        /// The invoice.
        public var invoiceID: String
        /// The number of its next attempt (one more than its last).
        public var nextAttempt: Int
        /// Whether one of its payments is in flight (`PROCESSING`).
        public var inFlight: Bool

        /// An owed invoice.
        public init(invoiceID: String, nextAttempt: Int, inFlight: Bool) {
            self.invoiceID = invoiceID
            self.nextAttempt = nextAttempt
            self.inFlight = inFlight
        }
    }

    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    static let columns = """
        subscription_id::text, invoice_id::text, attempt, payment_intent_id, status, amount_cents, currency,
        failure_code
        """

    /// Records an attempt with its PaymentIntent and status; a repeated attempt (Stripe replayed the same intent)
    /// keeps the row and updates only a PROCESSING status.
    public func record(_ payment: Payment) throws {
        try connection.execute(
            """
            INSERT INTO subscription_payments (subscription_id, invoice_id, attempt, payment_intent_id, status,
                amount_cents, currency, failure_code)
            VALUES (\(payment.subscriptionID)::uuid, \(payment.invoiceID)::uuid, \(payment.attempt),
                \(payment.paymentIntentID), \(payment.status), \(payment.amountCents), \(payment.currency),
                \(payment.failureCode))
            ON CONFLICT (invoice_id, attempt) DO UPDATE SET status = EXCLUDED.status,
                failure_code = EXCLUDED.failure_code, updated_at = now()
            WHERE subscription_payments.status = 'PROCESSING'
            """)
    }

    /// Sets the outcome of the attempt paid by `paymentIntentID` (only from PROCESSING); true when it changed.
    @discardableResult
    public func settle(paymentIntentID: String, succeeded: Bool, failureCode: String?) throws -> Bool {
        try connection.execute(
            """
            UPDATE subscription_payments SET status = \(succeeded ? "SUCCEEDED" : "FAILED"),
                failure_code = \(failureCode), updated_at = now()
            WHERE payment_intent_id = \(paymentIntentID) AND status = 'PROCESSING'
            """) == 1
    }

    /// The attempt paid by `paymentIntentID`.
    public func payment(paymentIntentID: String) throws -> Payment? {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM subscription_payments WHERE payment_intent_id = \(paymentIntentID)
            """)
        return try rows.first.map(Self.payment)
    }

    /// Attempts still `PROCESSING` that were made before `cutoff` (Unix seconds), oldest first, at most `limit`:
    /// the charges whose outcome may have been lost (a webhook that never arrived), for the reconciliation that asks
    /// Stripe about them (index `subscription_payments_processing`, migration 0171).
    public func processing(before cutoff: Int64, limit: Int) throws -> [Payment] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM subscription_payments
            WHERE status = 'PROCESSING' AND payment_intent_id IS NOT NULL AND created_at < to_timestamp(\(cutoff))
            ORDER BY created_at, id LIMIT \(limit)
            """)
        return try rows.map(Self.payment)
    }

    /// Every attempt of the subscription's invoices, oldest first.
    public func payments(subscriptionID: String) throws -> [Payment] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM subscription_payments
            WHERE subscription_id = \(subscriptionID)::uuid ORDER BY created_at, id
            """)
        return try rows.map(Self.payment)
    }

    /// Whether a payment of one of the subscription's still OPEN invoices is in flight (`PROCESSING`: e.g. a SEPA
    /// debit whose outcome arrives later as a `payment_intent.*` event).
    public func paymentInFlight(subscriptionID: String) throws -> Bool {
        let rows = try connection.query(
            """
            SELECT 1 FROM subscription_payments p JOIN invoices i ON i.id = p.invoice_id
            WHERE p.subscription_id = \(subscriptionID)::uuid AND p.status = 'PROCESSING' AND i.status = 'OPEN'
            LIMIT 1
            """)
        return !rows.isEmpty
    }

    /// The subscription's invoices still owed (OPEN, no succeeded payment), oldest period first: what one dunning
    /// collects, each retry charging every one of them that has no payment in flight.
    public func owedInvoices(subscriptionID: String) throws -> [OwedInvoice] {
        let rows = try connection.query(
            """
            SELECT i.id::text AS invoice_id, coalesce(max(p.attempt), 0) + 1 AS next_attempt,
                coalesce(bool_or(p.status = 'PROCESSING'), false) AS in_flight
            FROM invoices i LEFT JOIN subscription_payments p ON p.invoice_id = i.id
            WHERE i.subscription_id = \(subscriptionID)::uuid AND i.status = 'OPEN'
            GROUP BY i.id, i.service_start, i.created_at
            HAVING NOT coalesce(bool_or(p.status = 'SUCCEEDED'), false)
            ORDER BY i.service_start, i.created_at, i.id
            """)
        return try rows.map {
            OwedInvoice(
                invoiceID: try $0.string("invoice_id"), nextAttempt: try $0.int("next_attempt"),
                inFlight: try $0.bool("in_flight"))
        }
    }

    static func payment(_ row: PostgresRow) throws -> Payment {
        Payment(
            subscriptionID: try row.string("subscription_id"), invoiceID: try row.string("invoice_id"),
            attempt: try row.int("attempt"), paymentIntentID: try row.optionalString("payment_intent_id"),
            status: try row.string("status"), amountCents: try row.int("amount_cents"),
            currency: try row.string("currency"), failureCode: try row.optionalString("failure_code"))
    }
}

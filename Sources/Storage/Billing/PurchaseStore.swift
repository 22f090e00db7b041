public import Domain
public import Foundation
public import Postgres

/// Purchases (`purchases`, migration 0005). Every read is scoped by company unless it says otherwise.
public struct PurchaseStore {
    let connection: PostgresConnection

    /// A store on `connection` (which may be inside the caller's transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    static let columns = """
        id::text, company_id::text, user_id::text, provider, provider_ref, type, product_id, order_id::text, status,
        credits_amount, currency, net_cents, vat_rate_bp, vat_cents, amount_cents, reverse_charge, vat_category,
        buyer_country, buyer_vat_id,
        to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
        to_char(paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS paid_at,
        extract(epoch FROM created_at)::float8 AS created_epoch, extract(epoch FROM paid_at)::float8 AS paid_epoch
        """

    /// Creates a PENDING purchase priced by the server; returns it.
    public func create(_ purchase: NewPurchase) throws -> PurchaseRecord {
        let vat = purchase.vat.tax(on: purchase.net)
        let rows = try connection.query(
            """
            INSERT INTO purchases (company_id, user_id, provider, type, product_id, order_id, credits_amount, currency,
                net_cents, vat_rate_bp, vat_cents, amount_cents, reverse_charge, vat_category, buyer_country, buyer_vat_id)
            VALUES (\(purchase.companyID)::uuid, \(purchase.userID)::uuid, \(purchase.provider.rawValue), \(purchase.kind.rawValue),
                \(purchase.productID), \(purchase.orderID)::uuid, \(purchase.credits), \(purchase.net.currency.code),
                \(purchase.net.cents), \(purchase.vat.rate.basisPoints), \(vat.cents), \(purchase.net.cents + vat.cents),
                \(purchase.vat.reverseCharge), \(purchase.vat.category.code), \(purchase.vat.buyerCountry.code),
                \(purchase.vat.buyerVatId?.description))
            RETURNING \(unescaped: Self.columns)
            """)
        return try Self.record(rows[0])
    }

    /// Records the Checkout session id of a purchase (once; a different second id is refused).
    public func attachSession(purchaseID: String, sessionID: String) throws {
        try connection.execute(
            """
            UPDATE purchases SET provider_ref = \(sessionID), updated_at = now()
            WHERE id = \(purchaseID)::uuid AND (provider_ref IS NULL OR provider_ref = \(sessionID))
            """)
    }

    /// The company's purchase `id`, or nil (also for another company's id or a malformed id).
    public func purchase(id: String, companyID: CompanyID) throws -> PurchaseRecord? {
        guard UUIDText.isValid(id) else { return nil }
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM purchases
            WHERE id = \(id)::uuid AND company_id = \(companyID)::uuid
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.first.map(Self.record)
    }

    /// The company's purchase whose Checkout session is `sessionID`, or nil (also for another company's session).
    public func purchase(sessionID: String, companyID: CompanyID) throws -> PurchaseRecord? {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM purchases
            WHERE provider_ref = \(sessionID) AND company_id = \(companyID)::uuid
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.first.map(Self.record)
    }

    /// The company's purchases, newest first.
    public func purchases(companyID: CompanyID, limit: Int = 100) throws -> [PurchaseRecord] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM purchases WHERE company_id = \(companyID)::uuid
            ORDER BY purchases.created_at DESC, purchases.id LIMIT \(limit)
            """, retryOnConnectionLoss: true)
        return try rows.map(Self.record)
    }

    /// The columns of ``listing(companyID:)`` and ``listingOfBearerToken``: a purchase as the API shows it, the
    /// times as whole seconds since 1970 (`created_at`, `paid_at`; the API writes them `2026-12-06T12:00:00Z`):
    /// cheaper for the database than `to_char` (issue #16: ~0.6 µs per value, 40 values a list). The lists order by
    /// the table's columns (`purchases.created_at`), never by these renamed ones: a bare `created_at` in `ORDER BY`
    /// would mean the computed seconds, which no index gives, and every list would read and sort all of the
    /// company's purchases (sql/0195).
    public static let listingColumns = """
        id::text, provider, provider_ref, type, product_id, order_id::text, status, credits_amount, currency,
        net_cents, vat_rate_bp, vat_cents, amount_cents, reverse_charge, vat_category, buyer_country, buyer_vat_id,
        floor(date_part('epoch', created_at))::int8 AS created_at, floor(date_part('epoch', paid_at))::int8 AS paid_at
        """

    /// The most purchases a listing returns (newest first), as ``purchases(companyID:limit:)`` by default.
    public static let listingLimit = 100

    /// The company's purchases as ``listing(companyID:)`` reads them, for the company of a bearer token, read in
    /// the token's own statement (``APITokenStore/resolve(token:now:alongWith:)``): one round trip for both.
    public static let listingOfBearerToken = APITokenStore.CompanionRead(
        """
        SELECT \(listingColumns) FROM purchases WHERE company_id = principal.company_id
        ORDER BY purchases.created_at DESC, purchases.id LIMIT \(listingLimit)
        """, shape: .belowThePrincipal)

    /// The company's purchases, newest first, as rows with ``listingColumns`` (the API writes them out directly).
    public func listing(companyID: CompanyID) throws -> [PostgresRow] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.listingColumns) FROM purchases WHERE company_id = \(companyID)::uuid
            ORDER BY purchases.created_at DESC, purchases.id LIMIT \(Self.listingLimit)
            """, retryOnConnectionLoss: true)
        return Array(rows)
    }

    /// Every company's purchases, newest first, optionally of one status — for finance staff only (the caller
    /// checks the role; this is the one unscoped listing).
    public func allPurchases(status: PurchaseStatus?, limit: Int, offset: Int) throws -> [PurchaseRecord] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM purchases
            WHERE true\(and: "status = $", status?.rawValue)
            ORDER BY purchases.created_at DESC, purchases.id LIMIT \(limit) \(offset: offset)
            """, retryOnConnectionLoss: true)
        return try rows.map(Self.record)
    }

    /// Locks and returns the purchase for an update inside the caller's transaction: by our id
    /// (`client_reference_id`) and/or the session id. Not company-scoped: used by fulfilment, which acts on
    /// verified Stripe data or on a session the caller already proved to own.
    public func lockForUpdate(id: String?, sessionID: String?) throws -> PurchaseRecord? {
        if let id, UUIDText.isValid(id) {
            let rows = try connection.query(
                "SELECT \(unescaped: Self.columns) FROM purchases WHERE id = \(id)::uuid FOR UPDATE")
            if let row = rows.first {
                let record = try Self.record(row)
                // A session id that does not belong to this purchase is not evidence about it.
                if let sessionID, let known = record.sessionID, known != sessionID { return nil }
                return record
            }
        }
        guard let sessionID else { return nil }
        let rows = try connection.query(
            "SELECT \(unescaped: Self.columns) FROM purchases WHERE provider_ref = \(sessionID) FOR UPDATE")
        return try rows.first.map(Self.record)
    }

    /// Records the Stripe PaymentIntent of a purchase (once; a second one is ignored). An intent that another
    /// purchase already carries is ignored too: event data is untrusted, and a duplicate must never make the
    /// fulfilment that records it fail.
    public func recordPaymentIntent(purchaseID: String, paymentIntent: String) throws {
        try connection.execute(
            """
            UPDATE purchases SET payment_intent = \(paymentIntent), updated_at = now()
            WHERE id = \(purchaseID)::uuid AND payment_intent IS NULL
              AND NOT EXISTS (SELECT 1 FROM purchases WHERE payment_intent = \(paymentIntent))
            """)
    }

    /// The Stripe PaymentIntent recorded for a purchase, if any.
    public func paymentIntent(purchaseID: String) throws -> String? {
        let rows = try connection.query("SELECT payment_intent FROM purchases WHERE id = \(purchaseID)::uuid")
        return try rows.first?.optionalString("payment_intent")
    }

    /// Locks and returns the purchase paid through `paymentIntent` (for refunds), inside the caller's transaction.
    public func lockForUpdate(paymentIntent: String) throws -> PurchaseRecord? {
        let rows = try connection.query(
            "SELECT \(unescaped: Self.columns) FROM purchases WHERE payment_intent = \(paymentIntent) FOR UPDATE")
        return try rows.first.map(Self.record)
    }

    /// Sets the status (and the payment time when it becomes PAID).
    public func setStatus(_ status: PurchaseStatus, purchaseID: String) throws {
        try connection.execute(
            """
            UPDATE purchases SET status = \(status.rawValue), updated_at = now(),
                paid_at = CASE WHEN \(status.rawValue) = 'PAID' THEN coalesce(paid_at, now()) ELSE paid_at END
            WHERE id = \(purchaseID)::uuid
            """)
    }

    /// PENDING purchases with a session id created more than `olderThanSeconds` before `now` (for
    /// reconciliation; `now` is the caller's clock).
    public func stalePending(olderThanSeconds: Int, now: Date = Date(), limit: Int = 100) throws -> [PurchaseRecord] {
        let cutoff = Timestamp.seconds(now) - Double(olderThanSeconds)
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM purchases
            WHERE status = 'PENDING' AND provider_ref IS NOT NULL
              AND created_at < to_timestamp(\(cutoff))
            ORDER BY purchases.created_at, purchases.id LIMIT \(limit)
            """)
        return try rows.map(Self.record)
    }

    static func record(_ row: PostgresRow) throws -> PurchaseRecord {
        guard let kind = PurchaseRecord.Kind(rawValue: try row.string("type")) else {
            throw StorageError.invalidStoredValue("purchases.type")
        }
        guard let status = PurchaseStatus(rawValue: try row.string("status")) else {
            throw StorageError.invalidStoredValue("purchases.status")
        }
        return PurchaseRecord(
            id: try row.string("id"), companyID: CompanyID(try row.string("company_id")),
            userID: try row.optionalString("user_id").map(UserID.init),
            provider: try .stored(row.string("provider")), sessionID: try row.optionalString("provider_ref"),
            kind: kind,
            productID: try row.optionalString("product_id"), orderID: try row.optionalString("order_id"),
            status: status,
            credits: try row.int("credits_amount"),
            currency: try .stored(row.string("currency")), netCents: try row.int("net_cents"),
            vatRateBasisPoints: try row.int("vat_rate_bp"), vatCents: try row.int("vat_cents"),
            amountCents: try row.int("amount_cents"), reverseCharge: try row.bool("reverse_charge"),
            vatCategory: try row.string("vat_category"), buyerCountry: try row.string("buyer_country"),
            buyerVatID: try row.optionalString("buyer_vat_id"), createdAt: try row.string("created_at"),
            paidAt: try row.optionalString("paid_at"), created: try Timestamp.date(row, "created_epoch"),
            paid: try Timestamp.optionalDate(row, "paid_epoch"))
    }
}

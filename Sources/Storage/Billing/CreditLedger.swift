public import Postgres

/// The append-only credits ledger (`credit_ledger`); a company's balance is the sum of its entries.
public struct CreditLedger {
    let connection: PostgresConnection

    /// A ledger on `connection` (which may be inside the caller's transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Grants a purchase's credits; returns false when they were granted before (the unique index decides,
    /// so concurrent fulfilments cannot both grant).
    @discardableResult
    public func grant(purchaseID: String, companyID: String, credits: Int) throws -> Bool {
        guard credits > 0 else { return false }
        let inserted = try connection.execute(
            """
            INSERT INTO credit_ledger (company_id, delta, reason, purchase_id)
            VALUES (\(companyID)::uuid, \(credits), 'purchase', \(purchaseID)::uuid)
            ON CONFLICT (purchase_id, reason) WHERE reason IN ('purchase', 'refund') DO NOTHING
            """)
        return inserted == 1
    }

    /// Takes a refunded purchase's credits back; returns false when that happened before or nothing was granted.
    @discardableResult
    public func revoke(purchaseID: String, companyID: String) throws -> Bool {
        let inserted = try connection.execute(
            """
            INSERT INTO credit_ledger (company_id, delta, reason, purchase_id)
            SELECT company_id, -delta, 'refund', purchase_id FROM credit_ledger
            WHERE purchase_id = \(purchaseID)::uuid AND reason = 'purchase' AND company_id = \(companyID)::uuid
            ON CONFLICT (purchase_id, reason) WHERE reason IN ('purchase', 'refund') DO NOTHING
            """)
        return inserted == 1
    }

    /// What ``adjust(companyID:delta:note:)`` did.
    public enum Adjustment: Sendable, Equatable {
        /// Booked; the new balance.
        case adjusted(balance: Int)
        /// No such company.
        case unknownCompany
        /// The balance would fall below zero; nothing was booked.
        case insufficientBalance
    }

    /// Appends a staff adjustment of `delta` credits with its reason (`note`), unless it would take the balance
    /// below zero; locks the company row first so concurrent adjustments cannot overdraw. Must run in the
    /// caller's transaction.
    public func adjust(companyID: String, delta: Int, note: String) throws -> Adjustment {
        precondition(delta != 0 && connection.isInTransaction, "an adjustment is non-zero and transactional")
        guard !(try connection.query("SELECT 1 FROM companies WHERE id = \(companyID)::uuid FOR UPDATE")).isEmpty
        else { return .unknownCompany }
        let balance = try self.balance(companyID: companyID)
        guard balance + delta >= 0 else { return .insufficientBalance }
        try connection.execute(
            """
            INSERT INTO credit_ledger (company_id, delta, reason, note)
            VALUES (\(companyID)::uuid, \(delta), 'adjustment', \(note))
            """)
        return .adjusted(balance: balance + delta)
    }

    /// The company's balance.
    public func balance(companyID: String) throws -> Int {
        let rows = try connection.query(
            Self.balanceSQL, [companyID], retryOnConnectionLoss: !connection.isInTransaction)
        return try rows[0].int("balance")
    }

    private static let balanceSQL = "SELECT \(balance(of: "$1::uuid")) AS balance"

    /// The balance of the company `companyExpression` (trusted SQL: a parameter or a column) as a scalar subquery.
    static func balance(of companyExpression: String) -> String {
        "(SELECT coalesce(sum(l.delta), 0)::bigint FROM credit_ledger l WHERE l.company_id = \(companyExpression))"
    }

    /// How many times a purchase's credits were granted (0 or 1; for tests and audits).
    public func grants(purchaseID: String) throws -> Int {
        let rows = try connection.query(
            """
            SELECT count(*)::bigint AS grants FROM credit_ledger
            WHERE purchase_id = \(purchaseID)::uuid AND reason = 'purchase'
            """)
        return try rows[0].int("grants")
    }
}

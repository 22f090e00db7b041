public import Domain
import Postgres

extension CreditLedger {
    /// The company's entries in booking order, for ``CreditLots``.
    public func lots(companyID: String) throws -> [CreditLots.Entry] {
        let rows = try connection.query(
            """
            SELECT delta, extract(epoch FROM created_at)::bigint AS at FROM credit_ledger
            WHERE company_id = \(companyID)::uuid ORDER BY created_at, id
            """)
        return try rows.map { CreditLots.Entry(delta: try $0.int("delta"), at: try $0.int("at")) }
    }

    /// Books the expiry of `credits` (> 0) at `at` (seconds since 1970).
    public func expire(companyID: String, credits: Int, at: Int) throws {
        guard credits > 0 else { return }
        try connection.execute(
            """
            INSERT INTO credit_ledger (company_id, delta, reason, note, created_at)
            VALUES (\(companyID)::uuid, \(-credits), 'expiry', 'credits older than 24 months', to_timestamp(\(at)))
            """)
    }

    /// Books `credits` (> 0) spent on the usage of a subscription's period; false when that period's usage was
    /// paid with credits before (the unique index decides).
    @discardableResult
    public func spendOnUsage(
        companyID: String, credits: Int, subscriptionID: String, periodStart: Int, at: Int, note: String
    ) throws -> Bool {
        guard credits > 0 else { return false }
        return try connection.execute(
            """
            INSERT INTO credit_ledger (company_id, delta, reason, subscription_id, period_start, note, created_at)
            VALUES (\(companyID)::uuid, \(-credits), 'usage', \(subscriptionID)::uuid, to_timestamp(\(periodStart)),
                \(note), to_timestamp(\(at)))
            ON CONFLICT (subscription_id, period_start) WHERE reason = 'usage' DO NOTHING
            """) == 1
    }
}

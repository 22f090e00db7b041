import Domain
import Postgres
import Storage
import TestSupport
import Testing

/// `ingest_usage` reads the company's closure once per call (sql/0197: its check statement named the closure's day
/// three times, and PostgreSQL read it three times), and a closed period still refuses its events.
@Suite struct IngestUsageFunctionTests {
    @Test func theClosureIsReadOnceAndStillGuardsTheClosedPeriod() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let company = try BillingFixtures.company(connection)
        let now = 1_796_000_000_000
        /// The call's answer and how often it read usage_closures (the counters' difference within the transaction:
        /// PostgreSQL may still hold earlier transactions' counts there).
        func ingest(_ id: String, at milliseconds: Int) throws -> (answer: [String], closureScans: Int) {
            try connection.transaction { db in
                func scans() throws -> Int {
                    try db.query(
                        """
                        SELECT coalesce(sum(idx_scan + seq_scan), 0)::bigint AS n FROM pg_stat_xact_user_tables
                        WHERE relname = 'usage_closures'
                        """)[0].int("n")
                }
                let before = try scans()
                let answer = try db.query(
                    """
                    SELECT coalesce(accepted::text, event_index || ':' || field) AS a FROM ingest_usage(
                        \(company)::uuid, ARRAY[\(id)], ARRAY['assistant_minutes'], ARRAY[1000::bigint],
                        ARRAY[\(milliseconds)::bigint])
                    """
                ).map { try $0.string("a") }
                return (answer, try scans() - before)
            }
        }
        // No closure yet, then a closure before today: one read of usage_closures either way.
        #expect(try ingest("a", at: now) == (["1"], 1))
        try connection.transaction { db in
            let store = UsageStore(connection: db)
            try store.lockForClosing(companyID: company)
            try store.close(companyID: company, before: UsageDay(daysSinceEpoch: now / 86_400_000))
        }
        #expect(try ingest("b", at: now) == (["1"], 1))
        // An event of the closed day before: refused, nothing stored.
        #expect(try ingest("c", at: now - 86_400_000) == (["0:occurred_at"], 1))
        #expect(try UsageStore(connection: connection).eventCount(companyID: company) == 2)
    }
}

import Foundation
import Postgres
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `codezero billing run` as a real process against a real PostgreSQL: SIGKILLed mid-way and started again, every
/// subscription is closed, invoiced and charged exactly once.
@Suite(.serialized) struct BillingRunCrashTests {
    /// The `codezero` executable `swift build` put next to the tests.
    static var executable: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/codezero").path
    }

    /// `count` ACTIVE Starter subscriptions of one new company whose period ended yesterday, paid by card.
    static func seed(_ connection: PostgresConnection, count: Int) throws {
        try connection.execute(
            """
            WITH company AS (
                INSERT INTO companies (name, country) VALUES ('Massen GmbH', 'DE') RETURNING id
            ), customer AS (
                INSERT INTO stripe_customers (company_id, customer_id) SELECT id, 'cus_sim_massen' FROM company
            )
            INSERT INTO subscriptions (company_id, provider, plan_id, status, current_period_start, current_period_end,
                payment_method_id)
            SELECT company.id, 'MOCK', 'assistant_starter', 'ACTIVE', date_trunc('day', now()) - interval '31 days',
                date_trunc('day', now()) - interval '1 day', 'pm_card_visa'
            FROM company, generate_series(1, \(count))
            """)
    }

    static func start(_ database: TestDatabase) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["billing", "run"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database.connectionString
        environment["CODEZERO_ENV"] = "development"
        environment["CODEZERO_LOG_LEVEL"] = "error"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func counts(
        _ connection: PostgresConnection
    ) throws -> (closes: Int, distinct: Int, invoices: Int, payments: Int, paid: Int) {
        let row = try connection.query(
            """
            SELECT (SELECT count(*) FROM billing_period_closes)::bigint AS closes,
                (SELECT count(DISTINCT subscription_id) FROM billing_period_closes)::bigint AS d,
                (SELECT count(*) FROM invoices WHERE subscription_id IS NOT NULL)::bigint AS invoices,
                (SELECT count(*) FROM subscription_payments)::bigint AS payments,
                (SELECT count(*) FROM invoices WHERE subscription_id IS NOT NULL AND status = 'PAID')::bigint AS paid
            """)[0]
        return (
            try row.int("closes"), try row.int("d"), try row.int("invoices"), try row.int("payments"),
            try row.int("paid")
        )
    }

    @Test func aKilledRunResumesAndInvoicesEachSubscriptionOnce() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let total = 600
        try Self.seed(connection, count: total)
        let first = try Self.start(database)
        let deadline = Date().addingTimeInterval(120)
        while try Self.counts(connection).closes < 50, Date() < deadline, first.isRunning { usleep(20_000) }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        let afterKill = try Self.counts(connection)
        #expect(afterKill.closes >= 50 && afterKill.closes < total, "the kill came too late to test anything")
        #expect(afterKill.closes == afterKill.distinct)
        #expect(afterKill.invoices == afterKill.closes)
        // Charged at most once each; the one in flight (if any) is queued, not lost.
        #expect(afterKill.payments == afterKill.paid)
        let queued = try connection.query("SELECT count(*)::bigint AS n FROM subscription_charges_due")[0].int("n")
        #expect(afterKill.paid + queued == afterKill.closes)
        // Advanced periods and closes agree: nothing half-done survived the kill.
        let advanced = try connection.query(
            """
            SELECT count(*)::bigint AS n FROM subscriptions WHERE current_period_end > now()
            """)[0].int("n")
        #expect(advanced == afterKill.closes)

        // Two runs at once finish the rest.
        let second = try Self.start(database)
        let third = try Self.start(database)
        second.waitUntilExit()
        third.waitUntilExit()
        #expect(second.terminationStatus == 0)
        #expect(third.terminationStatus == 0)
        let done = try Self.counts(connection)
        #expect(done.closes == total)
        #expect(done.distinct == total)
        #expect(done.invoices == total)
        let numbers = try connection.query(
            "SELECT count(DISTINCT number)::bigint AS n FROM invoices WHERE subscription_id IS NOT NULL")[0].int("n")
        #expect(numbers == total)
        // Every period invoice charged exactly once (one attempt, one PaymentIntent, PAID), nothing left queued.
        #expect(done.payments == total)
        #expect(done.paid == total)
        let intents = try connection.query(
            """
            SELECT count(DISTINCT payment_intent_id)::bigint AS n, count(DISTINCT invoice_id)::bigint AS i,
                max(attempt)::bigint AS a, (SELECT count(*) FROM subscription_charges_due)::bigint AS q
            FROM subscription_payments
            """)[0]
        #expect(try intents.int("n") == total)
        #expect(try intents.int("i") == total)
        #expect(try intents.int("a") == 1)
        #expect(try intents.int("q") == 0)
    }
}

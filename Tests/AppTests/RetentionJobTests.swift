import Domain
import Foundation
import Logging
import Postgres
import Storage
import TestSupport
import Testing

@testable import App

/// The retention job against a real database with an injected clock: each data class disappears exactly when
/// the retention table says — present one second before, gone at the moment.
@Suite struct RetentionJobTests {
    /// One record of a data class, made at a known start, and how to count it.
    struct Probe {
        let dataClass: DataClass
        /// When the period starts counting (seconds since 1970).
        let start: Int64
        /// Counts the probe's record (1 = still there, 0 = removed).
        let count: String
    }

    static var logger: Logger {
        var logger = Logger(label: "codezero.test.retention")
        logger.logLevel = .critical
        return logger
    }

    /// `start + period` in UTC calendar arithmetic, computed independently of the code under test.
    static func end(of dataClass: DataClass, startingAt start: Int64) throws -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let from = Date(timeIntervalSince1970: TimeInterval(start))
        switch RetentionSchedule.rule(for: dataClass).period {
        case .days(let days): return start + Int64(days) * 86_400
        case .years(let years):
            let date = try #require(calendar.date(byAdding: .year, value: years, to: from))
            return Int64(date.timeIntervalSince1970)
        case .untilErasure: throw TestSupportError("no end")
        }
    }

    static func count(_ connection: PostgresConnection, _ sql: String) throws -> Int {
        try connection.query(PostgresQuery("SELECT (" + sql + ")::bigint AS n"))[0].int("n")
    }

    @Test func eachDataClassDisappearsExactlyWhenTheTableSays() throws {
        do { try check() } catch let error as PostgresError { Issue.record("\(error.debugDescription)") }
    }

    func check() throws {
        let database = try TestDatabase.makeMigrated()
        let db = database.connect()
        // Six years ago, on a whole second: far enough back for the audit log's two-year floor in the database.
        let base = Int64(Date().timeIntervalSince1970) - 6 * 366 * 86_400
        let user = try db.query(
            "INSERT INTO users (email, password_hash) VALUES ('retention@example.com', 'scrypt$x') RETURNING id::text AS id"
        )[0].string("id")
        let company = try db.query(
            "INSERT INTO companies (name, country) VALUES ('Retention GmbH', 'DE') RETURNING id::text AS id")[0].string(
                "id")
        let at = Double(base)
        try db.execute(
            """
            INSERT INTO contact_requests (name, company, email, message, language, received_at)
            VALUES ('Erika', 'Retention GmbH', 'erika@example.com', 'Hallo', 'de', to_timestamp(\(at)))
            """)
        // A decision that lives its full cookie lifetime, and one replaced ten days later by a newer one.
        try db.execute(
            """
            INSERT INTO consent_records (subject, version, language, purposes, decided_at) VALUES
                ('subject_lifetime_0001', 'v1', 'de', '{}', to_timestamp(\(at))),
                ('subject_replaced_0001', 'v1', 'de', '{}', to_timestamp(\(at))),
                ('subject_replaced_0001', 'v1', 'de', '{}', to_timestamp(\(at + 10 * 86_400)))
            """)
        try db.execute(
            """
            INSERT INTO sessions (id, user_id, company_id, created_at, last_seen_at, expires_at)
            VALUES (sha256('retention-session'), \(user)::uuid, \(company)::uuid, to_timestamp(\(at)),
                    to_timestamp(\(at)), to_timestamp(\(at + 3600)))
            """)
        try db.execute(
            """
            INSERT INTO account_tokens (token_hash, purpose, user_id, email, created_at, expires_at)
            VALUES (sha256('retention-token'), 'verify_email', \(user)::uuid, 'retention@example.com',
                    to_timestamp(\(at)), to_timestamp(\(at + 86_400)))
            """)
        // Invitations end when they expire, are accepted or are revoked, whichever comes first.
        try db.execute(
            """
            INSERT INTO company_invitations (company_id, email, token_hash, language, created_at, expires_at, accepted_at,
                                             revoked_at)
            VALUES (\(company)::uuid, 'expired@example.com', sha256('invitation-1'), 'de', to_timestamp(\(at)),
                    to_timestamp(\(at + 7 * 86_400)), NULL, NULL),
                   (\(company)::uuid, 'accepted@example.com', sha256('invitation-2'), 'en', to_timestamp(\(at)),
                    to_timestamp(\(at + 7 * 86_400)), to_timestamp(\(at + 3600)), NULL),
                   (\(company)::uuid, 'revoked@example.com', sha256('invitation-3'), 'de', to_timestamp(\(at)),
                    to_timestamp(\(at + 7 * 86_400)), NULL, to_timestamp(\(at + 7200)))
            """)
        try db.execute(
            "INSERT INTO login_failures (email, ip, failed_at) VALUES ('retention@example.com', '192.0.2.1', to_timestamp(\(at)))"
        )
        try db.execute("INSERT INTO second_factor_failures (user_id, at) VALUES (\(user)::uuid, to_timestamp(\(at)))")
        try db.execute(
            "INSERT INTO rate_limit_counts (key, window_start, count) VALUES ('write:retention', \(base), 1)")
        try db.execute(
            """
            INSERT INTO stripe_events (id, type, livemode, stripe_created, payload, received_at, processed_at, outcome)
            VALUES ('evt_retention', 'checkout.session.completed', false, to_timestamp(\(at)),
                    '{"data": {"object": {"customer_details": {"email": "retention@example.com"}}}}',
                    to_timestamp(\(at)), to_timestamp(\(at)), 'processed')
            """)
        try db.execute(
            """
            INSERT INTO mail_outbox (template, recipient, language, status, created_at, finished_at)
            VALUES ('verify-email', 'retention@example.com', 'de', 'SENT', to_timestamp(\(at)), to_timestamp(\(at + 60)))
            """)
        try db.execute(
            """
            INSERT INTO audit_log (at, actor_user_id, action, outcome, details)
            VALUES (to_timestamp(\(at)), \(user)::uuid, 'retention.probe', 'success', '{}')
            """)
        try db.execute(
            """
            INSERT INTO jobs (kind, state, attempts, dedupe_key, finished_at)
            VALUES ('retention.probe', 'done', 1, 'retention-probe', to_timestamp(\(at + 5)))
            """)
        try db.execute(
            """
            WITH request AS (
                INSERT INTO support_requests (company_id, opened_by, subject, status, language, created_at,
                                              updated_at, closed_at)
                VALUES (\(company)::uuid, \(user)::uuid, 'Retention probe', 'CLOSED', 'de', to_timestamp(\(at)),
                        to_timestamp(\(at)), to_timestamp(\(at)))
                RETURNING id)
            INSERT INTO support_messages (request_id, author, from_staff, body, created_at)
            SELECT id, \(user)::uuid, false, 'Hallo', to_timestamp(\(at)) FROM request
            """)
        try db.execute(
            """
            INSERT INTO erasure_records (scope, company_id, requested_via, erased_at, erased, kept)
            VALUES ('company', \(company)::uuid, 'admin', to_timestamp(\(at)), '{}', '[]')
            """)

        let probes = [
            Probe(dataClass: .contactRequests, start: base, count: "SELECT count(*) FROM contact_requests"),
            Probe(
                dataClass: .consentRecords, start: base + Int64(RetentionSchedule.consentLifetimeDays) * 86_400,
                count: "SELECT count(*) FROM consent_records WHERE subject = 'subject_lifetime_0001'"),
            Probe(
                dataClass: .consentRecords, start: base + 10 * 86_400,
                count:
                    "SELECT count(*) FROM consent_records WHERE subject = 'subject_replaced_0001' AND decided_at = to_timestamp(\(at))"
            ),
            Probe(dataClass: .sessions, start: base + 3600, count: "SELECT count(*) FROM sessions"),
            Probe(dataClass: .accountTokens, start: base + 86_400, count: "SELECT count(*) FROM account_tokens"),
            Probe(
                dataClass: .invitations, start: base + 7 * 86_400,
                count: "SELECT count(*) FROM company_invitations WHERE email = 'expired@example.com'"),
            Probe(
                dataClass: .invitations, start: base + 3600,
                count: "SELECT count(*) FROM company_invitations WHERE email = 'accepted@example.com'"),
            Probe(
                dataClass: .invitations, start: base + 7200,
                count: "SELECT count(*) FROM company_invitations WHERE email = 'revoked@example.com'"),
            Probe(dataClass: .securityCounters, start: base, count: "SELECT count(*) FROM login_failures"),
            Probe(dataClass: .securityCounters, start: base, count: "SELECT count(*) FROM second_factor_failures"),
            Probe(dataClass: .securityCounters, start: base, count: "SELECT count(*) FROM rate_limit_counts"),
            Probe(
                dataClass: .webhookPayloads, start: base,
                count: "SELECT count(*) FROM stripe_events WHERE payload::text LIKE '%retention@example.com%'"),
            Probe(dataClass: .sentMail, start: base + 60, count: "SELECT count(*) FROM mail_outbox"),
            Probe(
                dataClass: .auditLog, start: base,
                count: "SELECT count(*) FROM audit_log WHERE action = 'retention.probe'"),
            Probe(
                dataClass: .finishedJobs, start: base + 5,
                count: "SELECT count(*) FROM jobs WHERE kind = 'retention.probe'"),
            Probe(dataClass: .erasureRecords, start: base, count: "SELECT count(*) FROM erasure_records"),
            Probe(
                dataClass: .supportRequests, start: base,
                count:
                    "SELECT count(*) FROM support_requests r LEFT JOIN support_messages m ON m.request_id = r.id"),
        ]
        // Every class the job removes by time in the database has a probe.
        let probed = Set(probes.map(\.dataClass))
        for rule in RetentionSchedule.rules where rule.period != .untilErasure {
            #expect(
                probed.contains(rule.dataClass) || [.serverLogs, .invoices].contains(rule.dataClass),
                "no probe for \(rule.dataClass.rawValue)")
        }
        let ends = try probes.map { try Self.end(of: $0.dataClass, startingAt: $0.start) }
        let moments = Set(ends.flatMap { [$0 - 1, $0] }).sorted()
        let job = ApplyRetention(connection: db, logger: Self.logger)
        for moment in moments {
            try db.transaction { _ in _ = try job.run(now: Date(timeIntervalSince1970: TimeInterval(moment))) }
            for (probe, end) in zip(probes, ends) {
                let expected = moment < end ? 1 : 0
                #expect(
                    try Self.count(db, probe.count) == expected,
                    "\(probe.dataClass.rawValue) at \(moment - end) s from its end: \(probe.count)")
            }
        }
        // The webhook event itself stays (it deduplicates redeliveries), only its payload went.
        #expect(
            try Self.count(db, "SELECT count(*) FROM stripe_events WHERE id = 'evt_retention' AND payload::text = '{}'")
                == 1)
    }
}

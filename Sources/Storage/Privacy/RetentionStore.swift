public import Domain
public import Postgres

/// The retention job's SQL (the periods come from ``Domain/RetentionSchedule``, never from here): deletes or
/// strips the records of one data class whose period ended at a cutoff.
///
/// ```swift
/// let rule = RetentionSchedule.rule(for: .contactRequests)
/// let removed = try RetentionStore(connection: db).prune(.contactRequests, cutoff: rule.period.cutoff(now: now)!, now: now)
/// ```
public struct RetentionStore {
    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Removes the records of `dataClass` whose period started at or before `cutoff` (seconds since 1970);
    /// invoices use their own `retain_until` against the Europe/Berlin date of `now`. Returns how many rows
    /// were deleted (or stripped). Classes that are not in the database (server logs, finished jobs of the
    /// Jobs module) or not removed by time (the account) return 0.
    public func prune(_ dataClass: DataClass, cutoff: Int64, now: Int64) throws -> Int {
        let at = Double(cutoff)
        switch dataClass {
        case .serverLogs, .finishedJobs, .account:
            return 0
        case .contactRequests:
            return try connection.execute("DELETE FROM contact_requests WHERE received_at <= to_timestamp(\(at))")
        case .supportRequests:
            // A request ends when it is closed; its messages go with it (ON DELETE CASCADE). A new client message
            // reopens a request, so an open one is never deleted.
            return try connection.execute(
                "DELETE FROM support_requests WHERE status = 'CLOSED' AND closed_at <= to_timestamp(\(at))")
        case .consentRecords:
            // A decision ends when a newer one of the same subject replaces it, or when its cookie expires.
            return try connection.execute(
                """
                DELETE FROM consent_records c
                WHERE least(
                    c.decided_at + \(RetentionSchedule.consentLifetimeDays) * interval '1 day',
                    coalesce((SELECT min(n.decided_at) FROM consent_records n
                              WHERE n.subject = c.subject AND (n.decided_at, n.id) > (c.decided_at, c.id)),
                             'infinity'::timestamptz)
                ) <= to_timestamp(\(at))
                """)
        case .sessions:
            return try connection.execute(
                "DELETE FROM sessions WHERE least(expires_at, revoked_at) <= to_timestamp(\(at))")
        case .accountTokens:
            return try connection.execute(
                "DELETE FROM account_tokens WHERE least(expires_at, used_at) <= to_timestamp(\(at))")
        case .invitations:
            // An invitation ends when it is accepted, revoked or expires, whichever comes first.
            return try connection.execute(
                """
                DELETE FROM company_invitations
                WHERE least(expires_at, accepted_at, revoked_at) <= to_timestamp(\(at))
                """)
        case .securityCounters:
            let logins = try connection.execute("DELETE FROM login_failures WHERE failed_at <= to_timestamp(\(at))")
            let codes = try connection.execute("DELETE FROM second_factor_failures WHERE at <= to_timestamp(\(at))")
            let counts = try connection.execute("DELETE FROM rate_limit_counts WHERE window_start <= \(cutoff)")
            return logins + codes + counts
        case .webhookPayloads:
            // The row stays (its id deduplicates redeliveries); the payload with names and addresses goes.
            return try connection.execute(
                """
                UPDATE stripe_events SET payload = '{}'
                WHERE processed_at IS NOT NULL AND received_at <= to_timestamp(\(at)) AND payload::text <> '{}'
                """)
        case .sentMail:
            return try connection.execute("DELETE FROM mail_outbox WHERE finished_at <= to_timestamp(\(at))")
        case .auditLog:
            return try connection.execute("DELETE FROM audit_log WHERE at <= to_timestamp(\(at))")
        case .erasureRecords:
            return try connection.execute("DELETE FROM erasure_records WHERE erased_at <= to_timestamp(\(at))")
        case .invoices:
            return try deleteInvoices(now: now)
        }
    }

    /// Deletes invoices (with lines and documents) whose `retain_until` lies before the Europe/Berlin date of
    /// `now` — and before the database's own date, which its triggers enforce. An invoice whose correction must
    /// still be kept stays with it. A referral rewarded by a deleted invoice keeps its reward and loses only the
    /// reference (`ON DELETE SET NULL`, sql/0101).
    func deleteInvoices(now: Int64) throws -> Int {
        let body = { (db: PostgresConnection) throws -> Int in
            try db.execute(
                """
                CREATE TEMPORARY TABLE retention_due_invoices ON COMMIT DROP AS
                SELECT i.id FROM invoices i
                WHERE i.retain_until < least((to_timestamp(\(Double(now))) AT TIME ZONE 'Europe/Berlin')::date, current_date)
                AND NOT EXISTS (
                    SELECT 1 FROM invoices c WHERE c.corrects = i.id
                    AND c.retain_until >= least((to_timestamp(\(Double(now))) AT TIME ZONE 'Europe/Berlin')::date, current_date))
                """)
            try db.execute(
                "DELETE FROM subscription_charges_due WHERE invoice_id IN (SELECT id FROM retention_due_invoices)")
            try db.execute("DELETE FROM invoice_documents WHERE invoice_id IN (SELECT id FROM retention_due_invoices)")
            try db.execute("DELETE FROM invoice_lines WHERE invoice_id IN (SELECT id FROM retention_due_invoices)")
            return try db.execute("DELETE FROM invoices WHERE id IN (SELECT id FROM retention_due_invoices)")
        }
        return connection.isInTransaction ? try body(connection) : try connection.transaction(body)
    }
}

import Postgres

extension UsageStore {
    /// What one fold did.
    public struct Fold: Equatable, Sendable {
        /// Events added to the daily aggregates.
        public let events: Int
        /// The watermark before the fold: events of transactions from here on were not folded.
        public let from: Int
        /// The watermark after the fold.
        public let below: Int
        /// True when the fold stopped at `maximumSpan` before the horizon: fold again at once.
        public let more: Bool
    }

    /// Folds new events into `usage_daily` (migration 0150) in the caller's transaction: takes the watermark row
    /// (`usage_fold`) FOR UPDATE SKIP LOCKED — nil when another fold holds it —, adds the events of the
    /// transactions in [watermark, horizon) to their (company, metric, day) rows and moves the watermark to the
    /// horizon. The horizon is the oldest transaction still running (every smaller one has ended, so nothing can
    /// still appear below it), capped at `maximumSpan` transaction ids past the watermark so one fold stays a
    /// bounded batch. The aggregates and the watermark commit together: nothing is folded twice or missed.
    public func fold(maximumSpan: Int = 20_000) throws -> Fold? {
        let marks = try connection.query("SELECT folded_below FROM usage_fold FOR UPDATE SKIP LOCKED")
        guard let mark = marks.first else { return nil }
        let from = try mark.int("folded_below")
        // One statement, one snapshot: taken after the watermark row was locked, so it sees the previous fold.
        let row = try connection.query(
            """
            WITH horizon AS (
                SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS oldest
            ), bound AS (
                SELECT greatest(\(from), least(oldest, \(from) + \(maximumSpan))) AS below,
                    oldest > \(from) + \(maximumSpan) AS more FROM horizon
            ), tail AS (
                SELECT company_id, metric, (occurred_at AT TIME ZONE 'UTC')::date AS day,
                    sum(quantity_milli)::bigint AS quantity, count(*)::bigint AS events
                FROM usage_events, bound WHERE xact >= \(from) AND xact < bound.below
                GROUP BY company_id, metric, day
            ), folded AS (
                INSERT INTO usage_daily AS d (company_id, metric, day, quantity_milli, events)
                SELECT company_id, metric, day, quantity, events FROM tail ORDER BY company_id, metric, day
                ON CONFLICT (company_id, metric, day) DO UPDATE SET quantity_milli = d.quantity_milli
                    + excluded.quantity_milli, events = d.events + excluded.events, updated_at = now()
            ), counted AS (
                SELECT coalesce(sum(events), 0)::bigint AS events FROM tail
            ), marked AS (
                UPDATE usage_fold SET folded_below = bound.below, folded_events = folded_events + counted.events,
                    folds = folds + 1, folded_at = now()
                FROM bound, counted RETURNING folded_below
            )
            SELECT counted.events, bound.below, bound.more, (SELECT count(*) FROM marked)::bigint AS marked
            FROM counted, bound
            """)[0]
        return Fold(
            events: try row.int("events"), from: from, below: try row.int("below"), more: try row.bool("more"))
    }

    /// Events accepted but not folded into `usage_daily` yet (all companies; for /metrics and tests). The tail is
    /// bounded on both sides so that the planner takes the index (migration 0192).
    public func unfoldedEvents() throws -> Int {
        try connection.query(
            """
            SELECT count(*)::bigint AS n FROM usage_events
            WHERE xact >= (SELECT folded_below FROM usage_fold) AND xact <= (SELECT usage_visible_xact_bound())
            """, retryOnConnectionLoss: !connection.isInTransaction)[0].int("n")
    }
}

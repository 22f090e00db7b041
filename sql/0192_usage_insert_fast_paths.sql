-- Issue #11, usage ingestion budgets (batch p99): the database's share of a batch of new events, measured with
-- pgbench against ingest_usage alone (4 sessions, prepared, 100 new events a call, interleaved runs; README
-- "Plans and metered usage"). Three costs beyond the rows themselves:
--
-- 1. ON CONFLICT DO NOTHING inserts speculatively: per row a probe of the primary key before the insert, a
--    speculative-insertion lock and a second WAL record to confirm the row. A batch of new events needs none of
--    that, so the insert is tried plainly first; a duplicate raises unique_violation, which rolls back the block's
--    subtransaction (nothing of the attempt stays) and the ON CONFLICT insert runs as before. A batch whose first
--    event is already stored (a client's retry: the whole batch again) and a batch of one event go straight to the
--    ON CONFLICT insert, so retries do not pay for a failed attempt. The answers are unchanged: duplicates count
--    nothing, all or nothing, the lock and checks of 0190 first.
-- 2. The fold's per-company index (company_id, xact) took each row in the middle of the index (one region per
--    company, a full descent each); keyed (xact, company_id), new rows go to the right edge of the index, where
--    PostgreSQL inserts without a descent. It also serves the fold's and the all-company reads, so the BRIN index on
--    xact goes. A company's unfolded tail is still one index range (xact from the watermark) with the company
--    checked in the index.
-- 3. A single event costs mostly the function's statements, each a run of the executor: the closure read and the
--    metric and day checks are one statement now (still after the lock, in a snapshot of its own), and the count
--    is returned with RETURN NEXT instead of a query. One event a call, pgbench as below: 24,856 / 27,736 / 31,612
--    → 27,114 / 31,006 / 32,174.
--
-- Measured (2026-12-07, this machine; 100 new events a call, calls in 6 s, three interleaved rounds): 0190 with the
-- old indexes 4,244 / 5,704 / 5,221; the fast paths 5,074 / 6,573 / 6,623; then (company_id, xact) → (xact,
-- company_id): 6,395 / 4,898 / 5,272 → 8,664 / 8,406 / 7,663. One event a call and full retries: unchanged.
--
-- The readers of the tail bound it on both sides (the watermark up to the newest transaction the snapshot can see):
-- with a lower bound only, known at run time, the planner assumes a third of the table and scans all of it — with
-- 28 million events that was a parallel sequential scan plus JIT compilation, 1.5 s for one company's usage. With a
-- range it takes the index. Every event a snapshot can see has xact below the snapshot's xmax, or is the
-- transaction's own (its id, when it has one), so the upper bound leaves nothing out.
CREATE OR REPLACE FUNCTION ingest_usage(
    p_company uuid, p_ids text[], p_metrics text[], p_quantities bigint[], p_times bigint[]
)
RETURNS TABLE (accepted integer, event_index integer, field text)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    open_from_day bigint;
    valid boolean;
BEGIN
    IF cardinality(p_ids) IS DISTINCT FROM cardinality(p_metrics)
        OR cardinality(p_ids) IS DISTINCT FROM cardinality(p_quantities)
        OR cardinality(p_ids) IS DISTINCT FROM cardinality(p_times)
    THEN
        RAISE EXCEPTION 'ingest_usage: the four arrays must have one element per event';
    END IF;
    PERFORM pg_advisory_xact_lock_shared(hashtextextended(p_company::text, 60));
    -- After the lock, with a snapshot of its own (a closure committed while this waited is seen), one statement:
    -- the first open day and whether every metric is known and every event on an open day.
    SELECT c.day, p_metrics <@ ARRAY(SELECT u.id FROM usage_metrics u)
        AND NOT (c.day IS NOT NULL AND (SELECT min(t) FROM unnest(p_times) AS t) / 86400000 < c.day)
    INTO open_from_day, valid
    FROM (SELECT (SELECT (u.open_from - DATE '1970-01-01')::bigint FROM usage_closures u
                  WHERE u.company_id = p_company) AS day) AS c;
    IF NOT valid THEN
        RETURN QUERY
            SELECT NULL::integer, (e.n - 1)::integer, r.field
            FROM unnest(p_metrics, p_times) WITH ORDINALITY AS e (m, t, n)
            CROSS JOIN LATERAL (VALUES
                (1, 'metric', e.m NOT IN (SELECT u.id FROM usage_metrics u)),
                (2, 'occurred_at', open_from_day IS NOT NULL AND e.t / 86400000 < open_from_day)
            ) AS r (position, field, refused)
            WHERE r.refused
            ORDER BY e.n, r.position;
        RETURN;
    END IF;
    -- Milliseconds to a timestamp in float8 (0190 divided as numeric, which PostgreSQL converts to float8 through
    -- text): both quotients are the double nearest the exact one, so the stored times are the same.
    IF cardinality(p_ids) > 1
        AND NOT EXISTS (SELECT FROM usage_events u WHERE u.company_id = p_company AND u.event_id = p_ids[1])
    THEN
        BEGIN
            INSERT INTO usage_events (company_id, event_id, metric, quantity_milli, occurred_at)
            SELECT p_company, e.i, e.m, e.q, to_timestamp(e.t / 1000.0::float8)
            FROM unnest(p_ids, p_metrics, p_quantities, p_times) AS e (i, m, q, t);
            GET DIAGNOSTICS accepted = ROW_COUNT;
        EXCEPTION WHEN unique_violation THEN
            accepted := NULL; -- a duplicate in the batch: the attempt is rolled back; the insert below skips them
        END;
        IF accepted IS NOT NULL THEN
            RETURN NEXT;
            RETURN;
        END IF;
    END IF;
    INSERT INTO usage_events (company_id, event_id, metric, quantity_milli, occurred_at)
    SELECT p_company, e.i, e.m, e.q, to_timestamp(e.t / 1000.0::float8)
    FROM unnest(p_ids, p_metrics, p_quantities, p_times) AS e (i, m, q, t)
    ON CONFLICT (company_id, event_id) DO NOTHING;
    GET DIAGNOSTICS accepted = ROW_COUNT;
    RETURN NEXT;
END
$$;

DROP INDEX usage_events_unfolded;
DROP INDEX usage_events_xact;
CREATE INDEX usage_events_unfolded ON usage_events (xact, company_id);

-- The newest transaction id a statement's snapshot can see events of (see above).
CREATE FUNCTION usage_visible_xact_bound() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT greatest(pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
        pg_current_xact_id_if_assigned()::text::bigint)
$$;

CREATE OR REPLACE VIEW usage_daily_exact AS
SELECT company_id, metric, day, sum(quantity_milli)::bigint AS quantity_milli, sum(events)::bigint AS events
FROM (
    SELECT company_id, metric, day, quantity_milli, events FROM usage_daily
    UNION ALL
    SELECT company_id, metric, (occurred_at AT TIME ZONE 'UTC')::date, quantity_milli, 1 FROM usage_events
    WHERE xact >= (SELECT folded_below FROM usage_fold) AND xact <= (SELECT usage_visible_xact_bound())
) AS parts
GROUP BY company_id, metric, day;

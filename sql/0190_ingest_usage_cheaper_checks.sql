-- Issue #11, usage ingestion budgets: the database's share of ingest_usage (0152), measured with pgbench against
-- the function alone (4 sessions, prepared, synchronous commit; README "Plans and metered usage"). Two cuts, the
-- answers and the guarantees unchanged (idempotency per (company, event id), all or nothing, closed periods under
-- the shared usage lock, the commit of the caller's statement):
-- - the metric test of a valid batch is one array containment against the metrics (`<@`, a loop in C over the
--   batch and the handful of metrics) instead of a hashed NOT IN subplan probed per event from unnest;
-- - the insert counts its new rows with GET DIAGNOSTICS instead of RETURNING 1 into a CTE counted by a query.
-- The refusal path (a batch with an unknown metric or a closed day) is 0152's, row for row. Metric ids are never
-- NULL (the Swift side binds strings); a NULL one, which failed 0152's insert, now takes the refusal path and gets
-- no row (the caller's "no row" error): an error either way, nothing stored.
CREATE OR REPLACE FUNCTION ingest_usage(
    p_company uuid, p_ids text[], p_metrics text[], p_quantities bigint[], p_times bigint[]
)
RETURNS TABLE (accepted integer, event_index integer, field text)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    open_from_day bigint;
    stored integer;
BEGIN
    IF cardinality(p_ids) IS DISTINCT FROM cardinality(p_metrics)
        OR cardinality(p_ids) IS DISTINCT FROM cardinality(p_quantities)
        OR cardinality(p_ids) IS DISTINCT FROM cardinality(p_times)
    THEN
        RAISE EXCEPTION 'ingest_usage: the four arrays must have one element per event';
    END IF;
    PERFORM pg_advisory_xact_lock_shared(hashtextextended(p_company::text, 60));
    SELECT (c.open_from - DATE '1970-01-01')::bigint INTO open_from_day
    FROM usage_closures c WHERE c.company_id = p_company;
    IF NOT (p_metrics <@ ARRAY(SELECT u.id FROM usage_metrics u))
        OR (open_from_day IS NOT NULL
            AND (SELECT min(t) FROM unnest(p_times) AS t) / 86400000 < open_from_day)
    THEN
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
    INSERT INTO usage_events (company_id, event_id, metric, quantity_milli, occurred_at)
    SELECT p_company, e.i, e.m, e.q, to_timestamp(e.t / 1000.0)
    FROM unnest(p_ids, p_metrics, p_quantities, p_times) AS e (i, m, q, t)
    ON CONFLICT (company_id, event_id) DO NOTHING;
    GET DIAGNOSTICS stored = ROW_COUNT;
    RETURN QUERY SELECT stored, NULL::integer, NULL::text;
END
$$;

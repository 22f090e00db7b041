-- Issue #11, usage ingestion budgets: a batch of usage events is stored by ONE statement, `ingest_usage`, run in
-- autocommit (its own implicit transaction: the answer 202 follows the commit). It does what the request's
-- transaction did in four round trips (BEGIN, the company's shared usage lock, the closed-period read, the insert,
-- COMMIT) and checks the metrics against usage_metrics instead of a separate read per request.
--
-- The shared advisory lock is the one `UsageStore.lockForIngest` takes (key: the company id as canonical text, 60);
-- closing a period takes it exclusively. The closure is read AFTER the lock is held: PL/pgSQL runs each statement
-- of a volatile function with a fresh snapshot, so a period closed while this batch waited is seen.
--
-- All or nothing: when an event names an unknown metric or a day before the company's first open day, nothing is
-- inserted and one row per rejection is returned (event_index from 0, field 'metric' or 'occurred_at', in event
-- order, metric before occurred_at: the order of the Swift validation). Otherwise one row: accepted = how many
-- events were new (a known id, or one repeated within the batch, counts nothing: ON CONFLICT DO NOTHING).
--
-- p_events: a JSON array of {"i": event id, "m": metric, "q": quantity in thousandths, "t": occurred_at in
-- milliseconds since 1970 (never negative: the Swift validation refuses days before 2000)}; everything else about
-- an event (id syntax, quantity, time format, future) is validated in Swift before the call.
CREATE FUNCTION ingest_usage(p_company uuid, p_events jsonb)
RETURNS TABLE (accepted integer, event_index integer, field text)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    open_from_day bigint;
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtextextended(p_company::text, 60));
    SELECT (c.open_from - DATE '1970-01-01')::bigint INTO open_from_day
    FROM usage_closures c WHERE c.company_id = p_company;
    RETURN QUERY
        SELECT NULL::integer, (e.n - 1)::integer, r.field
        FROM ROWS FROM (jsonb_to_recordset(p_events) AS (m text, t bigint)) WITH ORDINALITY AS e (m, t, n)
        CROSS JOIN LATERAL (VALUES
            (1, 'metric', NOT EXISTS (SELECT 1 FROM usage_metrics u WHERE u.id = e.m)),
            (2, 'occurred_at', open_from_day IS NOT NULL AND e.t / 86400000 < open_from_day)
        ) AS r (position, field, refused)
        WHERE r.refused
        ORDER BY e.n, r.position;
    IF FOUND THEN
        RETURN;
    END IF;
    RETURN QUERY
        WITH inserted AS (
            INSERT INTO usage_events (company_id, event_id, metric, quantity_milli, occurred_at)
            SELECT p_company, e.i, e.m, e.q, to_timestamp(e.t / 1000.0)
            FROM jsonb_to_recordset(p_events) AS e (i text, m text, q bigint, t bigint)
            ON CONFLICT (company_id, event_id) DO NOTHING
            RETURNING 1
        )
        SELECT count(*)::integer, NULL::integer, NULL::text FROM inserted;
END
$$;

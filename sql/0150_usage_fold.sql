-- Issue #11, usage ingestion budgets: ingestion becomes append-only. A request's transaction only inserts its
-- events; the per-day aggregates (usage_daily) are folded in afterwards by the jobs process, so concurrent requests
-- of one company no longer queue on its aggregate row.
--
-- The fold marker: every event records the (64-bit, never wrapping) id of the transaction that inserted it, and
-- usage_fold holds one watermark, `folded_below`. Everything with xact < folded_below is in usage_daily; a fold
-- takes the watermark row FOR UPDATE, adds the events of [folded_below, horizon) to usage_daily and moves the
-- watermark to the horizon, all in one transaction. The horizon is the xmin of the fold's snapshot: every
-- transaction with a smaller id has ended, so no event below it can still appear (a transaction that inserts later
-- has a larger id). Nothing is folded twice or missed, and a SIGKILL mid-fold rolls the whole fold back.
--
-- Readers stay exact: usage_daily_exact is the folded aggregate plus the not yet folded tail, read in one statement
-- (one snapshot, so a fold committing meanwhile is seen either entirely or not at all). The tail of one company is
-- bounded by the index on (company_id, xact); the fold and the all-company readers use the BRIN index on xact.
--
-- Existing events were aggregated on ingest: they get xact 0. The initial watermark is the xmin of this migration's
-- snapshot: every transaction below it has ended, so each event inserted from now on has an xact at or above it,
-- and the existing ones (0) are below it: everything counts once.
ALTER TABLE usage_events ADD COLUMN xact bigint NOT NULL DEFAULT 0;
ALTER TABLE usage_events ALTER COLUMN xact SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX usage_events_unfolded ON usage_events (company_id, xact);
CREATE INDEX usage_events_xact ON usage_events USING brin (xact);

CREATE TABLE usage_fold (
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    folded_below  bigint NOT NULL CHECK (folded_below >= 1),
    folded_events bigint NOT NULL DEFAULT 0 CHECK (folded_events >= 0),
    folds         bigint NOT NULL DEFAULT 0 CHECK (folds >= 0),
    folded_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO usage_fold (folded_below) VALUES (greatest(1, pg_snapshot_xmin(pg_current_snapshot())::text::bigint));

CREATE VIEW usage_daily_exact AS
SELECT company_id, metric, day, sum(quantity_milli)::bigint AS quantity_milli, sum(events)::bigint AS events
FROM (
    SELECT company_id, metric, day, quantity_milli, events FROM usage_daily
    UNION ALL
    SELECT company_id, metric, (occurred_at AT TIME ZONE 'UTC')::date, quantity_milli, 1 FROM usage_events
    WHERE xact >= (SELECT folded_below FROM usage_fold)
) AS parts
GROUP BY company_id, metric, day;

-- Issue #11, usage ingestion: a bearer usage request may take several requests of its account's write budget at
-- once (APITokenStore's counting statement), which its worker then spends without counting each one again, so
-- most requests skip the counter row's update (the hot row of a busy account). The upsert adds the requests
-- taken while the count stays within the limit and exactly one otherwise; `last_step` records which it added, so
-- the statement's RETURNING tells the worker how many it took (PostgreSQL 15 cannot return the old count).
-- Every other counter (RateLimitStore.hit) adds one and leaves `last_step` alone; only the statement that just
-- wrote it reads it.
ALTER TABLE rate_limit_counts ADD COLUMN last_step integer NOT NULL DEFAULT 1 CHECK (last_step > 0);

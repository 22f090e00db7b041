-- Issue #16 goal 5 (webhook ingestion ≥ 50 % of pgbench's single-insert rate): two costs of the webhook's one
-- statement, measured with pgbench scripts on one database (4 sessions, eight interleaved rounds of 3 s, medians):
-- the statement as it was 4,376 / 3,911 tps, with the payload as `json` instead of `jsonb` +8 %, without the row
-- trigger +11 %, both +21 % / +14 % (pgbench's bare insert: 7,406 / 6,698).
--
-- 1. The payload is kept as `json`: the body exactly as Stripe signed it (sql/0005 promised "the raw verified body";
--    jsonb reordered its keys and dropped its white space, so a stored event could no longer be checked against its
--    signature). `json` still refuses text that is not JSON, and it is not parsed into a tree on the way in. Rows
--    stored before keep jsonb's rendering of their body (the original bytes are gone). json has no equality
--    operator: the retention and erasure jobs compare `payload::text`.
-- 2. The wake-up of an idle jobs process (sql/0180's AFTER INSERT row trigger, a PL/pgSQL trigger function calling
--    jobs_wake_runner) is part of the webhook's statement now (StripeEventStore.insertIfNew): the same rule — a
--    NOTIFY on codezero_jobs with payload 'stripe.event' for a stored event while no runner says it is busy, or in a
--    transaction that is not read committed — evaluated in SQL, without the trigger queue and two PL/pgSQL calls.
--    The webhook is the only writer of stripe_events; a busy runner still waits for the table's writers before it
--    sleeps (sql/0180), so an event stored without a notification is not left waiting.
DROP TRIGGER stripe_events_notify_insert ON stripe_events;
DROP FUNCTION stripe_events_notify();
ALTER TABLE stripe_events ALTER COLUMN payload TYPE json USING payload::json;

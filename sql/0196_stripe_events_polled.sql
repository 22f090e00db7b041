-- Issue #16 goal 5: the webhook's statement without its insert trigger. The trigger (sql/0180) woke an idle jobs
-- process for every stored event; counted with callgrind in a PostgreSQL backend (one session, prepared statements,
-- 1,000 inserts of the bench's event), the webhook's INSERT costs 185,000 instructions with it and 123,000 without:
-- the AFTER ROW trigger's queue, two nested plpgsql calls and the busy runner's look-up were a third of the
-- statement, paid on every delivery although an idle runner needs one wake-up, not thousands. Through nginx the
-- difference stays inside this machine's run-to-run noise (README "Speed", session 22).
--
-- Instead the jobs process, while idle, feeds from stripe_events every JobRunnerConfiguration.feederPollInterval
-- (250 ms): an event stored while it sleeps is taken within that, one cheap statement on the empty partial index
-- stripe_events_unqueued each time (no row changed, no transaction id, no WAL). While busy it feeds before every
-- claim as before, and before it sleeps it still waits for the writers of stripe_events (JobQueue.markIdle), so the
-- last events of a burst are taken at once. Queued jobs keep their own wake-up (jobs_notify, sql/0080).
DROP TRIGGER stripe_events_notify_insert ON stripe_events;
DROP FUNCTION stripe_events_notify();

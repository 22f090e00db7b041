-- Issue #16 goal 5: the webhook's statement stores the event and nothing else. Until now it also inserted the job
-- that processes the event (a second heap row, three more index entries, the jobs insert trigger) in the same
-- statement: measured with pgbench scripts on one database, 4 sessions, that job row was more than half of the
-- statement's backend CPU (README "Speed", webhook pass).
--
-- The stored event is the durable queue entry now: job_queued is false until the jobs process has turned the event
-- into its `stripe.event` job (StripeEventStore.queueJobs, in batches, before it claims). Both happen in one
-- statement there, and the job's dedupe key `stripe:<event id>` still makes a second job impossible. Events stored
-- before this migration have their job already (true for them, false for new rows).
ALTER TABLE stripe_events ADD COLUMN job_queued boolean NOT NULL DEFAULT true;
ALTER TABLE stripe_events ALTER COLUMN job_queued SET DEFAULT false;
-- The events still waiting for their job, oldest first (small: the jobs process empties it in every round).
CREATE INDEX stripe_events_unqueued ON stripe_events (received_at) WHERE NOT job_queued;

-- The wake-up of sql/0080, shared by the jobs trigger and the events trigger: a NOTIFY only while no runner says
-- it is busy. A busy runner, before it sleeps, waits for the writers of jobs AND stripe_events (JobRunner's feeder
-- tables) to end and feeds and claims once more, so an event stored without a notification is not left waiting.
CREATE FUNCTION jobs_wake_runner(kind text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed'
        OR NOT EXISTS (SELECT 1 FROM jobs_runners WHERE busy_until > clock_timestamp())
    THEN
        PERFORM pg_notify('codezero_jobs', kind);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM jobs_wake_runner(NEW.kind);
    RETURN NULL;
END
$$;

CREATE FUNCTION stripe_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM jobs_wake_runner('stripe.event');
    RETURN NULL;
END
$$;

CREATE TRIGGER stripe_events_notify_insert AFTER INSERT ON stripe_events
    FOR EACH ROW WHEN (NOT NEW.job_queued) EXECUTE FUNCTION stripe_events_notify();

-- Issue #16 goal 5: a NOTIFY makes PostgreSQL serialise committing transactions (PreCommit_Notify takes one
-- database-wide lock and holds it through the commit's WAL flush), so a job queued by every webhook request made
-- concurrent ingestions commit one after another: 3× fewer inserts per second than without the trigger.
--
-- The jobs process needs the wake-up only while it sleeps. A runner that is working through the queue says so in
-- jobs_runners (unlogged: nothing to recover, no WAL); while one is busy, queuing a job notifies nobody. Before a
-- runner sleeps again it marks itself idle and then waits until every transaction that was writing to jobs at that
-- moment has ended (their RowExclusiveLock in pg_locks), claims once more, and only then sleeps: a transaction that
-- queued a job without notifying had read "busy" after its job row existed, so it was still writing at that moment
-- and its job is claimed in that last round (that needs a fresh snapshot for the read: a transaction with an older one, i.e.
-- REPEATABLE READ or SERIALIZABLE, always notifies). busy_until bounds a vanished runner's claim (a crash): past
-- it, every queued job notifies again.
CREATE UNLOGGED TABLE jobs_runners (
    worker text PRIMARY KEY,
    busy_until timestamptz NOT NULL
);

CREATE OR REPLACE FUNCTION jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed'
        OR NOT EXISTS (SELECT 1 FROM jobs_runners WHERE busy_until > clock_timestamp())
    THEN
        PERFORM pg_notify('codezero_jobs', NEW.kind);
    END IF;
    RETURN NULL;
END
$$;

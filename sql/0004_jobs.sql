-- Background jobs (Sources/Jobs): enqueued in the caller's transaction, claimed with FOR UPDATE SKIP LOCKED,
-- retried with exponential backoff, dead after the last attempt. The lifecycle rules live in JobLifecycle.swift;
-- this table only stores their result.

CREATE TABLE jobs (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind ~ '^[a-z0-9][a-z0-9_.:-]{0,99}$'),
    payload      jsonb NOT NULL DEFAULT '{}',
    state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
    -- Claims so far, counting the current one; the claim number that guards completion.
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts BETWEEN 1 AND 1000),
    run_at       timestamptz NOT NULL DEFAULT now(),
    locked_by    text,
    locked_until timestamptz,
    last_error   text,
    -- "Enqueue once": a second job with the same key is not inserted (e.g. one job per Stripe event).
    dedupe_key   text UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    CHECK ((state = 'running') = (locked_by IS NOT NULL AND locked_until IS NOT NULL)),
    CHECK ((state IN ('done', 'dead')) = (finished_at IS NOT NULL)),
    CHECK (state = 'queued' OR attempts >= 1)
);

-- The claim: the oldest due queued jobs.
CREATE INDEX jobs_queued_run_at ON jobs (run_at, id) WHERE state = 'queued';
-- Lease recovery: running jobs whose claimer stopped answering.
CREATE INDEX jobs_running_locked_until ON jobs (locked_until) WHERE state = 'running';
-- Operators list dead jobs, newest first.
CREATE INDEX jobs_dead_finished_at ON jobs (finished_at) WHERE state = 'dead';

-- Wakes the jobs process (LISTEN codezero_jobs) when a job becomes queued. Inside a transaction the
-- notification is delivered at commit, and never on rollback; identical ones in one transaction collapse.
CREATE FUNCTION jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('codezero_jobs', NEW.kind);
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_notify_insert AFTER INSERT ON jobs
    FOR EACH ROW WHEN (NEW.state = 'queued') EXECUTE FUNCTION jobs_notify();
CREATE TRIGGER jobs_notify_requeue AFTER UPDATE OF state ON jobs
    FOR EACH ROW WHEN (NEW.state = 'queued' AND OLD.state <> 'queued') EXECUTE FUNCTION jobs_notify();

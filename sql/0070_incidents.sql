-- Incidents (issue #13, DESIGN §13): what an operator must look at, as rows rather than log lines. Each has a
-- kind, the ids it is about, a detail text and a dedupe key: one cause gives exactly one incident, however
-- often the code that notices it runs (retried jobs, repeated events). `GET /metrics` counts them by kind.
-- Retry re-enqueues the original job (the dead job itself, or a new job of `job_kind` with `job_payload`).

CREATE TABLE incidents (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$' AND length(kind) <= 64),
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'retried', 'resolved')),
    dedupe_key   text NOT NULL UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 300),
    company_id   uuid REFERENCES companies (id),
    -- The ids it is about (purchase_id, order_id, event_id, job_id, outbox_id, invoice_id, ...).
    subject      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(subject) = 'object'),
    detail       text NOT NULL CHECK (length(detail) <= 2000),
    -- What retry does: requeue this dead job, or else enqueue job_kind with job_payload.
    job_id       bigint,
    job_kind     text,
    job_payload  jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    closed_at    timestamptz,
    closed_by    uuid REFERENCES users (id),
    note         text CHECK (length(note) <= 2000),
    CHECK ((status = 'open') = (closed_at IS NULL)),
    CHECK (job_payload IS NULL OR job_kind IS NOT NULL)
);
CREATE INDEX incidents_open ON incidents (id DESC) WHERE status = 'open';
CREATE INDEX incidents_kind ON incidents (kind, id DESC);

-- The metric: created and open incidents per kind, maintained with each change so `/metrics` never scans
-- the history.
CREATE TABLE incident_counts (
    kind    text PRIMARY KEY,
    created bigint NOT NULL DEFAULT 0 CHECK (created >= 0),
    open    bigint NOT NULL DEFAULT 0 CHECK (open >= 0)
);

CREATE FUNCTION incidents_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO incident_counts AS c (kind, created, open)
        VALUES (NEW.kind, 1, CASE WHEN NEW.status = 'open' THEN 1 ELSE 0 END)
        ON CONFLICT (kind) DO UPDATE
            SET created = c.created + 1, open = c.open + CASE WHEN NEW.status = 'open' THEN 1 ELSE 0 END;
    ELSIF OLD.status = 'open' AND NEW.status <> 'open' THEN
        UPDATE incident_counts SET open = open - 1 WHERE kind = NEW.kind;
    ELSIF OLD.status <> 'open' AND NEW.status = 'open' THEN
        UPDATE incident_counts SET open = open + 1 WHERE kind = NEW.kind;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER incidents_count_insert AFTER INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION incidents_count();
CREATE TRIGGER incidents_count_status AFTER UPDATE OF status ON incidents
    FOR EACH ROW EXECUTE FUNCTION incidents_count();

CREATE FUNCTION incidents_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incidents are kept: resolve instead of deleting' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents FOR EACH ROW EXECUTE FUNCTION incidents_refuse_delete();

-- A job that goes dead is an incident in the same transaction, whichever path buried it (the runner's last
-- attempt, a permanent failure, a recovered lease, a kind without a handler). A dead Stripe event job is
-- "failed webhook processing". The key holds the moment of death: a requeued job that dies again is a new one.
CREATE FUNCTION jobs_dead_incident() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    webhook boolean := NEW.kind = 'stripe.event';
BEGIN
    INSERT INTO incidents (kind, dedupe_key, subject, detail, job_id, job_kind)
    VALUES (
        CASE WHEN webhook THEN 'webhook.failed' ELSE 'job.dead' END,
        'job.dead:' || NEW.id || ':' || floor(extract(epoch FROM NEW.finished_at) * 1000000)::bigint,
        jsonb_build_object('job_id', NEW.id, 'job_kind', NEW.kind)
            || CASE WHEN webhook AND NEW.payload ? 'event_id'
                    THEN jsonb_build_object('event_id', NEW.payload ->> 'event_id') ELSE '{}'::jsonb END,
        left(coalesce(NEW.last_error, 'the job failed without an error message'), 2000),
        NEW.id, NEW.kind)
    ON CONFLICT (dedupe_key) DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER jobs_dead_incident AFTER UPDATE OF state ON jobs
    FOR EACH ROW WHEN (NEW.state = 'dead' AND OLD.state <> 'dead') EXECUTE FUNCTION jobs_dead_incident();

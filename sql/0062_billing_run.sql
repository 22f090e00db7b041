-- The billing run (issue #11): every closed subscription period, exactly once (the primary key), with what it
-- billed — the base fees of the next period in advance and the closed period's overage in arrears, credits first —
-- and the invoice that bills it (issued in the same transaction once invoices exist). billing_runs records each
-- run (a jobs batch or `codezero billing run`) for the codezero_billing_* metrics.
CREATE TABLE billing_period_closes (
    -- subscriptions(id); no foreign key because 0065 creates that table after this file runs.
    subscription_id   uuid NOT NULL,
    period_start      timestamptz NOT NULL,
    period_end        timestamptz NOT NULL,
    company_id        uuid NOT NULL REFERENCES companies (id),
    plan_id           text NOT NULL,
    -- The period billed in advance; NULL when the subscription ended with the closed period.
    next_period_start timestamptz,
    next_period_end   timestamptz,
    base_fee_cents    bigint NOT NULL CHECK (base_fee_cents >= 0),
    usage_cents       bigint NOT NULL CHECK (usage_cents >= 0),
    net_cents         bigint NOT NULL CHECK (net_cents = base_fee_cents + usage_cents),
    currency          char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    credits_applied   integer NOT NULL CHECK (credits_applied >= 0),
    credits_expired   integer NOT NULL CHECK (credits_expired >= 0),
    -- The statement: fees and usage lines as the invoice shows them.
    lines             jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
    invoice_id        uuid UNIQUE,
    run_id            bigint,
    closed_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscription_id, period_start),
    CHECK (period_end > period_start),
    CHECK ((next_period_start IS NULL) = (next_period_end IS NULL))
);
CREATE INDEX billing_period_closes_company ON billing_period_closes (company_id, period_start DESC);
CREATE INDEX billing_period_closes_run ON billing_period_closes (run_id);

CREATE TABLE billing_runs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trigger     text NOT NULL CHECK (trigger IN ('jobs', 'command')),
    as_of       timestamptz NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at timestamptz,
    closed      integer NOT NULL DEFAULT 0 CHECK (closed >= 0),
    failed      integer NOT NULL DEFAULT 0 CHECK (failed >= 0)
);
CREATE INDEX billing_runs_started ON billing_runs (started_at DESC);

-- Subscriptions (DESIGN §11, issue #11): a company's monthly plan, started by a setup-mode Stripe Checkout that
-- saves a card or SEPA mandate for the company's Stripe Customer, billed per period by invoices (§10) that are
-- charged off-session with one PaymentIntent per attempt, with dunning (retries after 3, 7 and 14 days).
-- The state machine is Domain/Subscriptions/SubscriptionTransition.swift; these tables hold its state, and the
-- unique indexes are the second line of defence against doing anything twice.

-- One Stripe Customer per company.
CREATE TABLE stripe_customers (
    company_id  uuid PRIMARY KEY REFERENCES companies (id),
    customer_id text NOT NULL UNIQUE CHECK (customer_id ~ '^cus_[A-Za-z0-9_]+$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE subscriptions (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id               uuid NOT NULL REFERENCES companies (id),
    user_id                  uuid REFERENCES users (id),
    provider                 text NOT NULL CHECK (provider IN ('STRIPE', 'MOCK')),
    plan_id                  text NOT NULL CHECK (plan_id ~ '^[a-z0-9_]+$'),
    -- A plan change waits for the next period.
    pending_plan_id          text CHECK (pending_plan_id ~ '^[a-z0-9_]+$'),
    -- Monthly add-ons: [{"id": "...", "quantity": n}].
    addons                   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(addons) = 'array'),
    status                   text NOT NULL DEFAULT 'INCOMPLETE'
                             CHECK (status IN ('INCOMPLETE', 'ACTIVE', 'PAST_DUE', 'SUSPENDED', 'CANCELED')),
    current_period_start     timestamptz,
    current_period_end       timestamptz,
    cancel_at_period_end     boolean NOT NULL DEFAULT false,
    canceled_at              timestamptz,
    -- The saved payment method (pm_…) every invoice is charged with.
    payment_method_id        text CHECK (payment_method_id ~ '^pm_[A-Za-z0-9_]+$'),
    -- Dunning: the invoice being collected after a failed payment.
    dunning_invoice_id       uuid,
    dunning_first_failure_at timestamptz,
    dunning_failed_attempts  integer NOT NULL DEFAULT 0 CHECK (dunning_failed_attempts BETWEEN 0 AND 20),
    dunning_next_retry_at    timestamptz,
    -- The configurator order it was started from, if any.
    order_id                 uuid REFERENCES orders (id),
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CHECK (status IN ('INCOMPLETE', 'CANCELED') OR current_period_start IS NOT NULL),
    CHECK ((current_period_start IS NULL) = (current_period_end IS NULL)),
    CHECK (current_period_end > current_period_start),
    CHECK ((status = 'CANCELED') = (canceled_at IS NOT NULL)),
    CHECK ((dunning_invoice_id IS NULL) = (dunning_failed_attempts = 0)),
    CHECK (status NOT IN ('PAST_DUE', 'SUSPENDED') OR dunning_invoice_id IS NOT NULL)
);
CREATE INDEX subscriptions_company ON subscriptions (company_id, created_at DESC);
CREATE INDEX subscriptions_period_due ON subscriptions (current_period_end) WHERE status IN ('ACTIVE', 'PAST_DUE');
CREATE INDEX subscriptions_retry_due ON subscriptions (dunning_next_retry_at) WHERE status = 'PAST_DUE';

-- Every setup-mode Checkout session: the start of a subscription, or a new payment method for it.
CREATE TABLE subscription_setups (
    session_id      text PRIMARY KEY CHECK (session_id ~ '^cs_[A-Za-z0-9_]+$'),
    subscription_id uuid NOT NULL REFERENCES subscriptions (id),
    company_id      uuid NOT NULL REFERENCES companies (id),
    purpose         text NOT NULL CHECK (purpose IN ('START', 'PAYMENT_METHOD')),
    status          text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'COMPLETE', 'EXPIRED')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    CHECK ((status = 'COMPLETE') = (completed_at IS NOT NULL))
);
CREATE INDEX subscription_setups_subscription ON subscription_setups (subscription_id);

-- One PaymentIntent per invoice and attempt (Idempotency-Key invoice-<id>-pi-v<attempt>). An invoice is paid once.
CREATE TABLE subscription_payments (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id   uuid NOT NULL REFERENCES subscriptions (id),
    invoice_id        uuid NOT NULL,
    attempt           integer NOT NULL CHECK (attempt BETWEEN 1 AND 20),
    payment_intent_id text UNIQUE CHECK (payment_intent_id ~ '^pi_[A-Za-z0-9_]+$'),
    status            text NOT NULL DEFAULT 'PROCESSING' CHECK (status IN ('PROCESSING', 'SUCCEEDED', 'FAILED')),
    amount_cents      bigint NOT NULL CHECK (amount_cents > 0),
    currency          char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    failure_code      text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (invoice_id, attempt)
);
CREATE UNIQUE INDEX subscription_payments_paid_once ON subscription_payments (invoice_id) WHERE status = 'SUCCEEDED';
CREATE INDEX subscription_payments_subscription ON subscription_payments (subscription_id, created_at);

-- Every change of a subscription, in order (append-only): who or what did it, from which state to which.
CREATE TABLE subscription_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES subscriptions (id),
    company_id      uuid NOT NULL REFERENCES companies (id),
    event           text NOT NULL CHECK (event ~ '^[a-z][a-z_.]*$'),
    from_status     text NOT NULL,
    to_status       text NOT NULL,
    actor_user_id   uuid REFERENCES users (id),
    details         jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscription_events_subscription ON subscription_events (subscription_id, id);

CREATE FUNCTION subscription_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'subscription_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER subscription_events_no_update BEFORE UPDATE OR DELETE ON subscription_events
    FOR EACH ROW EXECUTE FUNCTION subscription_events_append_only();

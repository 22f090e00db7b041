-- Payments (seed U6 + configurator orders): orders with their priced lines, purchases (one per Checkout
-- session: a credit pack or an order), the append-only credits ledger, and the Stripe events we received.
-- Money is integer cents; net + VAT = amount charged, checked by the database.

CREATE TABLE orders (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id       uuid NOT NULL REFERENCES companies (id),
    user_id          uuid REFERENCES users (id),
    status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PAID', 'CANCELLED')),
    package_id       text NOT NULL,
    currency         char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- The first payment (one-time items + the first month of monthly ones).
    net_cents        bigint NOT NULL CHECK (net_cents >= 0),
    vat_cents        bigint NOT NULL CHECK (vat_cents >= 0),
    amount_cents     bigint NOT NULL CHECK (amount_cents = net_cents + vat_cents),
    monthly_net_cents bigint NOT NULL DEFAULT 0 CHECK (monthly_net_cents >= 0),
    -- The VAT decision as it was made (rates and rules may change later; the order keeps what applied).
    vat_rate_bp      integer NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    vat_category     text NOT NULL,
    reverse_charge   boolean NOT NULL,
    buyer_country    char(2) NOT NULL,
    buyer_vat_id     text,
    legal_note_de    text,
    legal_note_en    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    paid_at          timestamptz,
    CHECK ((status = 'PAID') = (paid_at IS NOT NULL))
);
CREATE INDEX orders_company ON orders (company_id, created_at DESC);

CREATE TABLE order_lines (
    order_id       uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position       integer NOT NULL CHECK (position >= 0),
    item_id        text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('package', 'addon')),
    name_de        text NOT NULL,
    name_en        text NOT NULL,
    billing_interval text NOT NULL CHECK (billing_interval IN ('one_time', 'monthly')),
    unit_net_cents bigint NOT NULL CHECK (unit_net_cents >= 0),
    quantity       integer NOT NULL CHECK (quantity >= 1),
    line_net_cents bigint NOT NULL CHECK (line_net_cents = unit_net_cents * quantity),
    PRIMARY KEY (order_id, position)
);

CREATE TABLE purchases (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id     uuid NOT NULL REFERENCES companies (id),
    user_id        uuid REFERENCES users (id),
    provider       text NOT NULL CHECK (provider IN ('STRIPE', 'MOCK')),
    -- The Checkout session id, known once the session exists.
    provider_ref   text UNIQUE,
    type           text NOT NULL CHECK (type IN ('CREDITS', 'IZA_PASS', 'ORDER')),
    product_id     text REFERENCES billing_products (id),
    order_id       uuid REFERENCES orders (id),
    status         text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'REFUNDED')),
    credits_amount integer NOT NULL DEFAULT 0 CHECK (credits_amount >= 0),
    currency       char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    net_cents      bigint NOT NULL CHECK (net_cents >= 0),
    vat_rate_bp    integer NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    vat_cents      bigint NOT NULL CHECK (vat_cents >= 0),
    -- What is charged: net + VAT.
    amount_cents   bigint NOT NULL CHECK (amount_cents = net_cents + vat_cents),
    reverse_charge boolean NOT NULL,
    vat_category   text NOT NULL,
    buyer_country  char(2) NOT NULL,
    buyer_vat_id   text,
    metadata_json  jsonb NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    paid_at        timestamptz,
    CHECK ((type = 'ORDER') = (order_id IS NOT NULL)),
    CHECK ((type = 'ORDER') = (product_id IS NULL)),
    CHECK (status NOT IN ('PAID', 'REFUNDED') OR paid_at IS NOT NULL)
);
CREATE INDEX purchases_company ON purchases (company_id, created_at DESC);
CREATE INDEX purchases_pending ON purchases (created_at) WHERE status = 'PENDING';
CREATE INDEX purchases_order ON purchases (order_id) WHERE order_id IS NOT NULL;

-- The credits ledger: append-only, the balance is its sum. A purchase grants once and is revoked at most
-- once: the unique key makes a second grant impossible whatever the code does.
CREATE TABLE credit_ledger (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id  uuid NOT NULL REFERENCES companies (id),
    delta       integer NOT NULL CHECK (delta <> 0),
    reason      text NOT NULL CHECK (reason IN ('purchase', 'refund', 'usage', 'adjustment')),
    purchase_id uuid REFERENCES purchases (id),
    note        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (reason NOT IN ('purchase', 'refund') OR purchase_id IS NOT NULL),
    CHECK (reason <> 'purchase' OR delta > 0),
    CHECK (reason <> 'refund' OR delta < 0)
);
CREATE UNIQUE INDEX credit_ledger_once_per_purchase ON credit_ledger (purchase_id, reason)
    WHERE reason IN ('purchase', 'refund');
CREATE INDEX credit_ledger_company ON credit_ledger (company_id);

CREATE FUNCTION credit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'credit_ledger is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER credit_ledger_no_update BEFORE UPDATE OR DELETE ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION credit_ledger_append_only();

-- Every Stripe event we accepted, exactly once (its id is the key). The payload is the raw verified body.
CREATE TABLE stripe_events (
    id           text PRIMARY KEY CHECK (id ~ '^evt_[A-Za-z0-9_]+$'),
    type         text NOT NULL,
    livemode     boolean NOT NULL,
    api_version  text,
    stripe_created timestamptz NOT NULL,
    payload      jsonb NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    outcome      text
);
CREATE INDEX stripe_events_unprocessed ON stripe_events (received_at) WHERE processed_at IS NULL;

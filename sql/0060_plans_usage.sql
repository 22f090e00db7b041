-- Plans, their versioned prices, company pricing and metered usage (DESIGN §11, issue #11).
--
-- A plan is a monthly package or monthly add-on of the catalog. Its price is versioned: a version applies to
-- every period that starts at or after effective_from, until a later version does; a change is a new row with
-- effective_from = the moment of the change, so the running period keeps its price and the change applies from
-- the next period. Versions are append-only (history for audits). company_pricing is the same shape per company
-- (admin only) and wins over the plan's list price for the periods it covers.
--
-- Money: base fees in cents; overage prices per unit exact to 1/100 cent (4 decimals of a euro, 0.05 € = 500);
-- quantities exact to 1/1000 unit (25.5 minutes = 25500). A metered line is rounded to cents once (VATRate.swift).

CREATE TABLE usage_metrics (
    id                     text PRIMARY KEY CHECK (id ~ '^[a-z0-9_]{1,64}$'),
    name_de                text NOT NULL CHECK (name_de <> ''),
    name_en                text NOT NULL CHECK (name_en <> ''),
    unit_de                text NOT NULL CHECK (unit_de <> ''),
    unit_en                text NOT NULL CHECK (unit_en <> ''),
    -- How many units of the metric one credit (from a credit pack) pays; NULL: credits do not pay this metric.
    units_per_credit_milli bigint CHECK (units_per_credit_milli > 0),
    sort                   integer NOT NULL DEFAULT 0
);

INSERT INTO usage_metrics (id, name_de, name_en, unit_de, unit_en, units_per_credit_milli, sort) VALUES
    ('assistant_minutes', 'Assistenten-Minuten', 'Assistant minutes', 'Minuten', 'minutes', 30000, 10),
    ('document_pages', 'Dokumentenseiten', 'Document pages', 'Seiten', 'pages', 500000, 20);

CREATE TABLE plans (
    id         text PRIMARY KEY,
    package_id text UNIQUE REFERENCES catalog_packages (id),
    addon_id   text UNIQUE REFERENCES catalog_addons (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((package_id IS NULL) <> (addon_id IS NULL)),
    CHECK (id = coalesce(package_id, addon_id))
);

CREATE TABLE plan_prices (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id        text NOT NULL REFERENCES plans (id),
    effective_from timestamptz NOT NULL,
    base_fee_cents bigint NOT NULL CHECK (base_fee_cents >= 0),
    currency       char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    created_by     uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (plan_id, effective_from)
);

CREATE TABLE plan_price_metrics (
    price_id                bigint NOT NULL REFERENCES plan_prices (id),
    metric                  text NOT NULL REFERENCES usage_metrics (id),
    included_milli          bigint NOT NULL CHECK (included_milli >= 0),
    overage_hundredths_cent bigint NOT NULL CHECK (overage_hundredths_cent BETWEEN 0 AND 100000000),
    PRIMARY KEY (price_id, metric)
);

CREATE TABLE company_pricing (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id     uuid NOT NULL REFERENCES companies (id),
    plan_id        text NOT NULL REFERENCES plans (id),
    effective_from timestamptz NOT NULL,
    base_fee_cents bigint NOT NULL CHECK (base_fee_cents >= 0),
    currency       char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    note           text CHECK (length(note) <= 500),
    created_by     uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, plan_id, effective_from)
);

CREATE TABLE company_pricing_metrics (
    pricing_id              bigint NOT NULL REFERENCES company_pricing (id),
    metric                  text NOT NULL REFERENCES usage_metrics (id),
    included_milli          bigint NOT NULL CHECK (included_milli >= 0),
    overage_hundredths_cent bigint NOT NULL CHECK (overage_hundredths_cent BETWEEN 0 AND 100000000),
    PRIMARY KEY (pricing_id, metric)
);

CREATE FUNCTION plan_prices_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: add a new price version instead', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER plan_prices_no_update BEFORE UPDATE OR DELETE ON plan_prices
    FOR EACH ROW EXECUTE FUNCTION plan_prices_append_only();
CREATE TRIGGER plan_price_metrics_no_update BEFORE UPDATE OR DELETE ON plan_price_metrics
    FOR EACH ROW EXECUTE FUNCTION plan_prices_append_only();
CREATE TRIGGER company_pricing_no_update BEFORE UPDATE OR DELETE ON company_pricing
    FOR EACH ROW EXECUTE FUNCTION plan_prices_append_only();
CREATE TRIGGER company_pricing_metrics_no_update BEFORE UPDATE OR DELETE ON company_pricing_metrics
    FOR EACH ROW EXECUTE FUNCTION plan_prices_append_only();

-- The monthly packages and add-ons of the catalog as plans, priced as the catalog lists them, with seed 004's
-- usage allowances (Starter 1,000 minutes at 0.05 €, Business 5,000 at 0.04 €, Enterprise 20,000 at 0.03 €).
INSERT INTO plans (id, package_id)
    SELECT id, id FROM catalog_packages WHERE "interval" = 'monthly' ORDER BY sort;
INSERT INTO plans (id, addon_id)
    SELECT id, id FROM catalog_addons WHERE "interval" = 'monthly' ORDER BY sort;
INSERT INTO plan_prices (plan_id, effective_from, base_fee_cents, currency)
    SELECT p.id, '2000-01-01T00:00:00Z', coalesce(cp.net_cents, ca.net_cents), coalesce(cp.currency, ca.currency)
    FROM plans p LEFT JOIN catalog_packages cp ON cp.id = p.package_id LEFT JOIN catalog_addons ca ON ca.id = p.addon_id;
INSERT INTO plan_price_metrics (price_id, metric, included_milli, overage_hundredths_cent)
    SELECT pp.id, v.metric, v.included_milli, v.overage FROM plan_prices pp
    JOIN (VALUES ('assistant_starter', 'assistant_minutes', 1000000, 500),
                 ('assistant_business', 'assistant_minutes', 5000000, 400),
                 ('platform_enterprise', 'assistant_minutes', 20000000, 300),
                 ('document_pipeline', 'document_pages', 10000000, 30)) AS v (plan_id, metric, included_milli, overage)
      ON v.plan_id = pp.plan_id;

-- Metered usage. usage_events keeps every accepted event once per (company, client event id): a replay inserts
-- nothing and so counts nothing. usage_daily is maintained in the same transaction (per company, metric and UTC
-- day): a period's usage is the sum of its days, read without scanning events. usage_closures holds, per
-- company, the first day that is still open; the billing run moves it forward when it closes a period, and an
-- event for an earlier day is refused. Ingestion holds a shared advisory lock on the company and closing an
-- exclusive one, so no event can slip into a period while it is being billed.
CREATE TABLE usage_events (
    company_id     uuid NOT NULL,
    event_id       text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 128),
    metric         text NOT NULL,
    quantity_milli bigint NOT NULL CHECK (quantity_milli >= 0),
    occurred_at    timestamptz NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, event_id)
);

CREATE TABLE usage_daily (
    company_id     uuid NOT NULL REFERENCES companies (id),
    metric         text NOT NULL REFERENCES usage_metrics (id),
    day            date NOT NULL,
    quantity_milli bigint NOT NULL CHECK (quantity_milli >= 0),
    events         bigint NOT NULL CHECK (events >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, metric, day)
);

CREATE TABLE usage_closures (
    company_id uuid PRIMARY KEY REFERENCES companies (id),
    open_from  date NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

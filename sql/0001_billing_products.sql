-- Credit packs sold through Stripe Checkout (GET /api/v1/billing/products).
-- Prices are net, in cents; VAT is added at checkout by the buyer's country and VAT ID.

CREATE TABLE billing_products (
    id        text PRIMARY KEY CHECK (id ~ '^[a-z0-9_]+$'),
    credits   integer NOT NULL CHECK (credits > 0),
    net_cents bigint NOT NULL CHECK (net_cents >= 0),
    currency  char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    name_de   text NOT NULL,
    name_en   text NOT NULL,
    active    boolean NOT NULL DEFAULT true,
    sort      integer NOT NULL DEFAULT 0
);

INSERT INTO billing_products (id, credits, net_cents, currency, name_de, name_en, sort) VALUES
    ('credits_1',  1,  149, 'EUR', '1 Credit',   '1 credit',   10),
    ('credits_5',  5,  699, 'EUR', '5 Credits',  '5 credits',  20),
    ('credits_10', 10, 1299, 'EUR', '10 Credits', '10 credits', 30),
    ('iza_pass',   2,  299, 'EUR', 'IZA-Pass',   'IZA pass',   40);

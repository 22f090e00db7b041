-- Period invoices the billing run issued and has not charged yet (issue #11): a row is written in the
-- transaction that closes the period and issues its invoice, and deleted in the transaction that records the
-- charge's first attempt. A run SIGKILLed between the two finds the row again and charges with the same
-- idempotency key (`invoice-<id>-pi-v1`), so Stripe replays instead of charging twice; concurrent runs share the
-- rows through FOR UPDATE SKIP LOCKED.
CREATE TABLE subscription_charges_due (
    invoice_id      uuid PRIMARY KEY REFERENCES invoices (id),
    subscription_id uuid NOT NULL REFERENCES subscriptions (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscription_charges_due_created ON subscription_charges_due (created_at, invoice_id);

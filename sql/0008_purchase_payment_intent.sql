-- The Stripe PaymentIntent of a paid purchase, recorded from its Checkout session, so that a refund
-- (`charge.refunded` names the PaymentIntent, not the session) finds its purchase.

ALTER TABLE purchases ADD COLUMN payment_intent text CHECK (payment_intent ~ '^pi_[A-Za-z0-9_]+$');
CREATE UNIQUE INDEX purchases_payment_intent ON purchases (payment_intent) WHERE payment_intent IS NOT NULL;

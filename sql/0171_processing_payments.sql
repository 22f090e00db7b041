-- Issue #11: a subscription charge that stays PROCESSING (a SEPA debit whose webhook was lost) is looked up at Stripe
-- by the jobs process after a few days; this finds them without scanning every attempt.
CREATE INDEX subscription_payments_processing ON subscription_payments (created_at) WHERE status = 'PROCESSING';

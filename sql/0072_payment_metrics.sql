-- Payment outcomes for /metrics (`codezero_payments_total{status}`, issue #13 item 8, seed 004 §7.2's payment
-- failure rate): a counter per outcome, stepped by the database whenever a purchase reaches PAID, FAILED or
-- REFUNDED, so the scrape reads three rows and never counts the history. Unprocessed Stripe events are read through
-- the existing `stripe_events_unprocessed` index for the processing-delay alert.

CREATE TABLE payment_outcome_counts (
    status text PRIMARY KEY CHECK (status IN ('paid', 'failed', 'refunded')),
    count  bigint NOT NULL DEFAULT 0 CHECK (count >= 0)
);
INSERT INTO payment_outcome_counts (status, count)
SELECT 'paid', count(*) FROM purchases WHERE status IN ('PAID', 'REFUNDED')
UNION ALL SELECT 'failed', count(*) FROM purchases WHERE status = 'FAILED'
UNION ALL SELECT 'refunded', count(*) FROM purchases WHERE status = 'REFUNDED';

CREATE FUNCTION purchases_count_outcome() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE payment_outcome_counts SET count = count + 1 WHERE status = lower(NEW.status);
    RETURN NULL;
END
$$;
CREATE TRIGGER purchases_count_outcome AFTER UPDATE OF status ON purchases
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('PAID', 'FAILED', 'REFUNDED'))
    EXECUTE FUNCTION purchases_count_outcome();

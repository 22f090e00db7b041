-- Issue #11 item 4: an admin ends a subscription immediately while its period invoice is still unpaid. The unused
-- part is corrected by a Rechnungskorrektur (CZ-K) that REDUCES the amount due instead of paying money back:
--   * a correction may be SETTLED (nothing went back; paid_cents 0; paid_at = when it took effect), keyed by
--     `reduction_key` (e.g. 'unused:<subscription id>'), at most one correction per key;
--   * the original's open amount is gross + its SETTLED corrections; when that reaches 0 the original becomes
--     SETTLED (nothing more is owed, nothing was charged) — the guard allows OPEN -> SETTLED like OPEN -> PAID.
ALTER TABLE invoices ADD COLUMN reduction_key text CHECK (length(reduction_key) BETWEEN 1 AND 200);

DO $$
DECLARE
    name text;
BEGIN
    FOR name IN
        SELECT conname FROM pg_constraint
        WHERE conrelid = 'invoices'::regclass AND contype = 'c'
          AND (pg_get_constraintdef(oid) LIKE '%''OPEN''::text, ''PAID''::text, ''REFUNDED''::text%'
               OR pg_get_constraintdef(oid) LIKE '%(kind = ''invoice''::text) OR (status = ''REFUNDED''::text)%'
               OR pg_get_constraintdef(oid) LIKE '%(kind = ''correction''::text) OR (status = ANY%')
    LOOP
        EXECUTE format('ALTER TABLE invoices DROP CONSTRAINT %I', name);
    END LOOP;
END
$$;
ALTER TABLE invoices ADD CONSTRAINT invoices_status_known
    CHECK (status IN ('OPEN', 'PAID', 'REFUNDED', 'SETTLED'));
ALTER TABLE invoices ADD CONSTRAINT invoices_invoice_status
    CHECK (kind = 'correction' OR status IN ('OPEN', 'PAID', 'SETTLED'));
ALTER TABLE invoices ADD CONSTRAINT invoices_correction_status
    CHECK (kind = 'invoice' OR status IN ('REFUNDED', 'SETTLED'));
-- A reducing correction pays nothing back and always names what it reduces for.
ALTER TABLE invoices ADD CONSTRAINT invoices_reduction_keyed
    CHECK ((kind = 'correction' AND status = 'SETTLED') = (reduction_key IS NOT NULL));
ALTER TABLE invoices ADD CONSTRAINT invoices_reduction_pays_nothing
    CHECK (reduction_key IS NULL OR (paid_cents = 0 AND payment_method IS NULL));
CREATE UNIQUE INDEX invoices_once_per_reduction ON invoices (reduction_key) WHERE reduction_key IS NOT NULL;

-- As 0020's guard, with one more allowed update: an OPEN invoice becoming SETTLED (its corrections reduced the
-- amount due to 0), again only the payment columns.
CREATE OR REPLACE FUNCTION invoices_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    payment_columns text[] := ARRAY['status', 'paid_cents', 'paid_at', 'payment_method', 'payment_reference'];
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.retain_until < current_date THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'issued invoice % cannot be deleted before %', OLD.number, OLD.retain_until
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status = 'OPEN' AND NEW.status IN ('PAID', 'SETTLED')
        AND (to_jsonb(NEW) - payment_columns) = (to_jsonb(OLD) - payment_columns) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'issued invoice % cannot be changed (only OPEN -> PAID or SETTLED); correct it instead', OLD.number
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

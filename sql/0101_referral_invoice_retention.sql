-- The invoice that earned a referral reward is deleted by the retention job after its retain_until like every
-- other invoice (issue #14): the referral keeps that it was rewarded (rewarded_at, the ledger rows), and loses only
-- the reference to the deleted invoice. Rewards are keyed on rewarded_at, so a deleted reference never rewards again.
ALTER TABLE referrals DROP CONSTRAINT referrals_rewarded_invoice_id_fkey;
ALTER TABLE referrals ADD CONSTRAINT referrals_rewarded_invoice_id_fkey
    FOREIGN KEY (rewarded_invoice_id) REFERENCES invoices (id) ON DELETE SET NULL;

DO $$
DECLARE
    name text;
BEGIN
    SELECT conname INTO STRICT name FROM pg_constraint
    WHERE conrelid = 'referrals'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%(rewarded_invoice_id IS NULL) = (rewarded_at IS NULL)%';
    EXECUTE format('ALTER TABLE referrals DROP CONSTRAINT %I', name);
END
$$;
ALTER TABLE referrals ADD CONSTRAINT referrals_invoice_only_when_rewarded
    CHECK (rewarded_invoice_id IS NULL OR rewarded_at IS NOT NULL);

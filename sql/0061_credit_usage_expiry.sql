-- Credits pay metered usage and expire (issue #11, terms §6): the billing run books a 'usage' entry (credits spent
-- on a closed period's overage, at most once per subscription and period) and an 'expiry' entry (what is left of
-- credits granted 24 months ago, oldest first). Both take credits, never add.
ALTER TABLE credit_ledger DROP CONSTRAINT credit_ledger_reason_check;
ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_reason_check
    CHECK (reason IN ('purchase', 'refund', 'usage', 'adjustment', 'expiry'));
ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_debits_negative
    CHECK (reason NOT IN ('usage', 'expiry') OR delta < 0);
ALTER TABLE credit_ledger ADD COLUMN subscription_id uuid;
ALTER TABLE credit_ledger ADD COLUMN period_start timestamptz;
ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_usage_names_period
    CHECK (reason <> 'usage' OR (subscription_id IS NOT NULL AND period_start IS NOT NULL));
CREATE UNIQUE INDEX credit_ledger_usage_once ON credit_ledger (subscription_id, period_start) WHERE reason = 'usage';

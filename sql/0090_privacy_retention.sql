-- Privacy (issue #14, DESIGN §14): what the retention job and erasures need from the schema.
-- The periods themselves live in ONE place, Domain.RetentionSchedule; the database only keeps floors that no
-- bug may undercut (a test checks that the table never asks for less).

-- An erased company keeps an anonymous row (invoices, orders and the append-only credit ledger refer to it);
-- erased_at marks it, and with it the restriction of its retained invoices (Art. 18 GDPR).
ALTER TABLE companies ADD COLUMN erased_at timestamptz;

-- The record of each erasure (Art. 5 (2), 17 GDPR): who asked, what was erased (counts per table) and what was
-- kept, why and until when. No foreign keys: it must outlive nothing it names but itself.
CREATE TABLE erasure_records (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    scope         text NOT NULL CHECK (scope IN ('company', 'user')),
    company_id    uuid NOT NULL,
    user_id       uuid,
    requested_by  uuid,
    requested_via text NOT NULL CHECK (requested_via IN ('self', 'admin')),
    erased_at     timestamptz NOT NULL DEFAULT now(),
    erased        jsonb NOT NULL CHECK (jsonb_typeof(erased) = 'object'),
    kept          jsonb NOT NULL CHECK (jsonb_typeof(kept) = 'array'),
    CHECK ((scope = 'user') = (user_id IS NOT NULL))
);
CREATE INDEX erasure_records_company ON erasure_records (company_id, erased_at);
CREATE INDEX erasure_records_erased ON erasure_records (erased_at);

-- The audit log stays append-only, with two narrow exceptions:
--  * DELETE of entries older than two years (the retention job; the table's period may be longer, never shorter);
--  * an erasure may replace values in `details` by "[erased]" (e.g. the e-mail address a failed sign-in typed),
--    nothing else of the entry.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < now() - interval '2 years' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'details') = (to_jsonb(OLD) - 'details')
        AND NOT EXISTS (
            SELECT 1 FROM jsonb_each(NEW.details) AS n FULL JOIN jsonb_each(OLD.details) AS o USING (key)
            WHERE n.value IS DISTINCT FROM o.value AND (n.value IS NULL OR n.value <> '"[erased]"'::jsonb)
        )
        AND EXISTS (
            SELECT 1 FROM jsonb_each(NEW.details) AS n JOIN jsonb_each(OLD.details) AS o USING (key)
            WHERE n.value = '"[erased]"'::jsonb AND o.value <> n.value
        ) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

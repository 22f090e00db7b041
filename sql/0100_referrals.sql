-- Referrals (issue #15, DESIGN §15): every company has a short code; a company registered with another's code is
-- attributed to it; when the referred company's first invoice of at least 100 € net is paid, both companies get
-- credits, exactly once; a correction that brings that invoice below 100 € net within 14 days reverses them.
--
-- The reward is granted by a trigger on `invoices`, so it happens in the transaction that makes the invoice paid
-- whichever path does it (credit pack or order fulfilment, a subscription's PaymentIntent), and the ledger's
-- unique index below makes a second grant impossible whatever the order or duplication of payment events.

-- Codes: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L, no U), so a code read aloud or typed from
-- paper is unambiguous. Not secret: a code is meant to be shared.
CREATE FUNCTION referral_code_new() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    alphabet constant text := '23456789ABCDEFGHJKMNPQRSTVWXYZ';
    code text := '';
BEGIN
    FOR i IN 1..8 LOOP
        code := code || substr(alphabet, 1 + floor(random() * length(alphabet))::integer, 1);
    END LOOP;
    RETURN code;
END
$$;

CREATE TABLE referral_codes (
    company_id uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[2-9A-HJKMNP-TV-Z]{8}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A new company gets its code in the transaction that creates it (a collision, about 1 in 10^11 per pair, retries).
CREATE FUNCTION referral_code_assign() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOOP
        BEGIN
            INSERT INTO referral_codes (company_id, code) VALUES (NEW.id, referral_code_new());
            RETURN NEW;
        EXCEPTION WHEN unique_violation THEN
            -- another code: try again
        END;
    END LOOP;
END
$$;
CREATE TRIGGER companies_referral_code AFTER INSERT ON companies
    FOR EACH ROW EXECUTE FUNCTION referral_code_assign();

DO $$
DECLARE
    company record;
BEGIN
    FOR company IN SELECT id FROM companies WHERE id NOT IN (SELECT company_id FROM referral_codes) LOOP
        LOOP
            BEGIN
                INSERT INTO referral_codes (company_id, code) VALUES (company.id, referral_code_new());
                EXIT;
            EXCEPTION WHEN unique_violation THEN
            END;
        END LOOP;
    END LOOP;
END
$$;

-- How many credits a reward grants (staff change it; the values at the time of the reward are used).
CREATE TABLE referral_settings (
    singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    referrer_credits integer NOT NULL CHECK (referrer_credits BETWEEN 0 AND 1000),
    referred_credits integer NOT NULL CHECK (referred_credits BETWEEN 0 AND 1000),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
INSERT INTO referral_settings (referrer_credits, referred_credits) VALUES (10, 5);

-- One attribution per referred company, made at its registration.
CREATE TABLE referrals (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    referred_company_id uuid NOT NULL UNIQUE REFERENCES companies (id) ON DELETE CASCADE,
    referrer_company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    code                text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    -- Set once, by the reward trigger: the qualifying invoice, or why nothing was granted.
    rewarded_invoice_id uuid REFERENCES invoices (id),
    rewarded_at         timestamptz,
    ineligible_reason   text CHECK (ineligible_reason IN ('same_vat_id')),
    reversed_at         timestamptz,
    CHECK (referred_company_id <> referrer_company_id),
    CHECK ((rewarded_invoice_id IS NULL) = (rewarded_at IS NULL)),
    CHECK (reversed_at IS NULL OR rewarded_at IS NOT NULL)
);
CREATE INDEX referrals_referrer ON referrals (referrer_company_id, created_at);

-- The ledger learns two reasons; every earlier reason stays (see 0061).
ALTER TABLE credit_ledger DROP CONSTRAINT credit_ledger_reason_check;
ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_reason_check
    CHECK (reason IN ('purchase', 'refund', 'usage', 'adjustment', 'expiry', 'referral', 'referral_reversal'));
ALTER TABLE credit_ledger ADD COLUMN referral_id uuid REFERENCES referrals (id);
ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_referral_names_referral
    CHECK (reason NOT IN ('referral', 'referral_reversal') OR referral_id IS NOT NULL);
ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_referral_signs
    CHECK ((reason <> 'referral' OR delta > 0) AND (reason <> 'referral_reversal' OR delta < 0));
-- Each company is credited at most once per referral, and reversed at most once.
CREATE UNIQUE INDEX credit_ledger_referral_once ON credit_ledger (referral_id, company_id, reason)
    WHERE reason IN ('referral', 'referral_reversal');

-- The reward: an invoice (not a correction) of at least 100 € net that is PAID — inserted paid, or updated to PAID.
CREATE FUNCTION referral_reward() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    referral referrals%ROWTYPE;
    settings referral_settings%ROWTYPE;
    referrer_vat text;
    referred_vat text;
BEGIN
    IF NEW.kind <> 'invoice' OR NEW.status <> 'PAID' OR NEW.net_cents < 10000 THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status = 'PAID' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO referral FROM referrals WHERE referred_company_id = NEW.company_id FOR UPDATE;
    IF NOT FOUND OR referral.rewarded_at IS NOT NULL OR referral.ineligible_reason IS NOT NULL THEN
        RETURN NULL;
    END IF;
    -- No reward between companies with the same VAT ID (checked again now: either may have changed it).
    SELECT vat_id INTO referrer_vat FROM companies WHERE id = referral.referrer_company_id;
    SELECT vat_id INTO referred_vat FROM companies WHERE id = referral.referred_company_id;
    IF referrer_vat IS NOT NULL AND referrer_vat = referred_vat THEN
        UPDATE referrals SET ineligible_reason = 'same_vat_id' WHERE id = referral.id;
        RETURN NULL;
    END IF;
    SELECT * INTO settings FROM referral_settings;
    UPDATE referrals SET rewarded_invoice_id = NEW.id, rewarded_at = now() WHERE id = referral.id;
    IF settings.referrer_credits > 0 THEN
        INSERT INTO credit_ledger (company_id, delta, reason, referral_id, note)
        VALUES (referral.referrer_company_id, settings.referrer_credits, 'referral', referral.id, NEW.number)
        ON CONFLICT (referral_id, company_id, reason) WHERE reason IN ('referral', 'referral_reversal') DO NOTHING;
    END IF;
    IF settings.referred_credits > 0 THEN
        INSERT INTO credit_ledger (company_id, delta, reason, referral_id, note)
        VALUES (referral.referred_company_id, settings.referred_credits, 'referral', referral.id, NEW.number)
        ON CONFLICT (referral_id, company_id, reason) WHERE reason IN ('referral', 'referral_reversal') DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER invoices_referral_reward AFTER INSERT OR UPDATE OF status ON invoices
    FOR EACH ROW EXECUTE FUNCTION referral_reward();

-- The reversal: a correction of the rewarded invoice, issued within 14 days of the reward, that leaves less than
-- 100 € net of it (a small partial refund keeps the reward; a full refund takes it back). Every credit granted is
-- taken back once, with its own ledger entry.
CREATE FUNCTION referral_reverse() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    referral referrals%ROWTYPE;
    remaining bigint;
BEGIN
    IF NEW.kind <> 'correction' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO referral FROM referrals WHERE rewarded_invoice_id = NEW.corrects FOR UPDATE;
    IF NOT FOUND OR referral.reversed_at IS NOT NULL OR now() > referral.rewarded_at + interval '14 days' THEN
        RETURN NULL;
    END IF;
    SELECT i.net_cents + coalesce((SELECT sum(c.net_cents) FROM invoices c WHERE c.corrects = i.id), 0)
    INTO remaining FROM invoices i WHERE i.id = NEW.corrects;
    IF remaining >= 10000 THEN
        RETURN NULL;
    END IF;
    UPDATE referrals SET reversed_at = now() WHERE id = referral.id;
    INSERT INTO credit_ledger (company_id, delta, reason, referral_id, note)
    SELECT company_id, -delta, 'referral_reversal', referral_id, NEW.number
    FROM credit_ledger WHERE referral_id = referral.id AND reason = 'referral'
    ON CONFLICT (referral_id, company_id, reason) WHERE reason IN ('referral', 'referral_reversal') DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER invoices_referral_reverse AFTER INSERT ON invoices
    FOR EACH ROW EXECUTE FUNCTION referral_reverse();

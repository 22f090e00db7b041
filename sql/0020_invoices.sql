-- Invoices (DESIGN §10, REQUIREMENTS §2): the legal documents. An invoice is issued once per thing it bills
-- (a purchase, a subscription period), numbered gaplessly per series and year from a counter row that the
-- issuing transaction locks, and never changed or deleted afterwards (GoBD): triggers refuse it. A mistake is
-- corrected by a Rechnungskorrektur (kind 'correction', its own series 'CZ-K') that refers to the original.
--
-- Amounts are integer cents. A correction carries NEGATIVE amounts (it reverses part of its original), so the
-- sum over an invoice and its corrections is what the buyer owes after refunds.
--
-- Payment state: invoices issued at fulfilment are PAID from the start (the money came first). An invoice
-- issued before its payment (subscriptions, later) starts OPEN; the only update the database allows is
-- OPEN → PAID together with the payment columns, nothing else.

-- One row per series and year; `last_value` is the last number handed out. Taken with
-- INSERT … ON CONFLICT DO UPDATE … RETURNING, which row-locks it until the issuing transaction ends: a
-- rollback gives the number back, a commit keeps it, so numbers have neither gaps nor duplicates.
CREATE TABLE invoice_number_counters (
    series     text NOT NULL CHECK (series IN ('CZ', 'CZ-K')),
    year       integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    last_value integer NOT NULL CHECK (last_value >= 1),
    PRIMARY KEY (series, year)
);

CREATE TABLE invoices (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    number            text NOT NULL UNIQUE,
    series            text NOT NULL CHECK (series IN ('CZ', 'CZ-K')),
    year              integer NOT NULL,
    sequence          integer NOT NULL CHECK (sequence >= 1),
    kind              text NOT NULL CHECK (kind IN ('invoice', 'correction')),
    corrects          uuid REFERENCES invoices (id),
    company_id        uuid NOT NULL REFERENCES companies (id),
    status            text NOT NULL CHECK (status IN ('OPEN', 'PAID', 'REFUNDED')),
    issue_date        date NOT NULL,
    service_start     date NOT NULL,
    service_end       date NOT NULL,
    currency          char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    net_cents         bigint NOT NULL,
    vat_cents         bigint NOT NULL,
    gross_cents       bigint NOT NULL CHECK (gross_cents = net_cents + vat_cents),
    vat_rate_bp       integer NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    vat_category      text NOT NULL CHECK (vat_category IN ('S', 'AE', 'O')),
    legal_note_de     text,
    legal_note_en     text,
    -- What it bills (at most one invoice each, see the unique indexes below).
    purchase_id       uuid REFERENCES purchases (id),
    order_id          uuid REFERENCES orders (id),
    subscription_id   uuid,
    -- For corrections from a Stripe refund: the refund id (re_…), at most one correction each.
    refund_id         text,
    reason            text CHECK (length(reason) <= 500),
    -- Snapshots of both parties as they were at issue (a later change of address does not alter them).
    seller            jsonb NOT NULL CHECK (jsonb_typeof(seller) = 'object'),
    buyer             jsonb NOT NULL CHECK (jsonb_typeof(buyer) = 'object'),
    language          text NOT NULL CHECK (language IN ('de', 'en')),
    -- The payment (or, for a correction, the repayment).
    paid_cents        bigint NOT NULL DEFAULT 0,
    paid_at           timestamptz,
    payment_method    text CHECK (payment_method IN ('stripe', 'mock')),
    payment_reference text,
    due_date          date NOT NULL,
    retain_until      date NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (series, year, sequence),
    CHECK (number = series || '-' || year || '-' || lpad(sequence::text, 6, '0')),
    CHECK ((kind = 'invoice') = (series = 'CZ')),
    CHECK ((kind = 'correction') = (corrects IS NOT NULL)),
    CHECK (kind = 'correction' OR (net_cents >= 0 AND vat_cents >= 0)),
    CHECK (kind = 'invoice' OR (net_cents <= 0 AND vat_cents <= 0)),
    CHECK (kind = 'correction' OR status IN ('OPEN', 'PAID')),
    CHECK (kind = 'invoice' OR status = 'REFUNDED'),
    CHECK ((status = 'OPEN') = (paid_at IS NULL)),
    CHECK (service_end >= service_start),
    CHECK (retain_until = make_date(extract(year FROM issue_date)::integer + 8, 12, 31)),
    CHECK ((vat_category = 'S') = (legal_note_de IS NULL))
);
CREATE UNIQUE INDEX invoices_once_per_purchase ON invoices (purchase_id) WHERE kind = 'invoice';
CREATE UNIQUE INDEX invoices_once_per_order ON invoices (order_id) WHERE kind = 'invoice';
CREATE UNIQUE INDEX invoices_once_per_subscription_period ON invoices (subscription_id, service_start)
    WHERE kind = 'invoice' AND subscription_id IS NOT NULL;
CREATE UNIQUE INDEX invoices_once_per_refund ON invoices (refund_id) WHERE refund_id IS NOT NULL;
CREATE INDEX invoices_company ON invoices (company_id, issue_date DESC, number DESC);
CREATE INDEX invoices_issue_date ON invoices (issue_date, number);
CREATE INDEX invoices_corrects ON invoices (corrects) WHERE corrects IS NOT NULL;

-- Quantities and unit prices are exact decimals with four places (usage can be billed in fractions of a unit
-- or at prices finer than a cent); the line net is rounded once, half away from zero, to whole cents.
-- A correction takes things back with negative quantities; a unit price is never negative (EN 16931 BR-27).
CREATE TABLE invoice_lines (
    invoice_id     uuid NOT NULL REFERENCES invoices (id),
    position       integer NOT NULL CHECK (position >= 1),
    item_id        text NOT NULL CHECK (length(item_id) BETWEEN 1 AND 100),
    description_de text NOT NULL CHECK (length(description_de) BETWEEN 1 AND 500),
    description_en text NOT NULL CHECK (length(description_en) BETWEEN 1 AND 500),
    quantity       numeric(14, 4) NOT NULL CHECK (quantity <> 0),
    unit_code      text NOT NULL CHECK (unit_code ~ '^[A-Z0-9]{2,3}$'),
    unit_net_price numeric(18, 4) NOT NULL CHECK (unit_net_price >= 0),
    line_net_cents bigint NOT NULL CHECK (line_net_cents = round(quantity * unit_net_price * 100)),
    PRIMARY KEY (invoice_id, position)
);

-- The rendered documents (INVOICE-DOCS renders them in the jobs process), kept as issued.
CREATE TABLE invoice_documents (
    invoice_id   uuid NOT NULL REFERENCES invoices (id),
    kind         text NOT NULL CHECK (kind IN ('xml', 'pdf')),
    content      bytea NOT NULL CHECK (length(content) > 0),
    sha256       bytea NOT NULL CHECK (length(sha256) = 32),
    retain_until date NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (invoice_id, kind),
    CHECK (sha256 = sha256(content))
);

-- GoBD: issued rows are never changed. The one allowed update is an OPEN invoice becoming PAID (status and the
-- payment columns, nothing else). Deleting is allowed only after retain_until (the retention job, later).
CREATE FUNCTION invoices_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
    IF OLD.status = 'OPEN' AND NEW.status = 'PAID'
        AND (to_jsonb(NEW) - payment_columns) = (to_jsonb(OLD) - payment_columns) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'issued invoice % cannot be changed (only OPEN -> PAID); correct it instead', OLD.number
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_guard();

CREATE FUNCTION invoice_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND (SELECT retain_until FROM invoices WHERE id = OLD.invoice_id) < current_date THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the lines of an issued invoice cannot be changed or deleted'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE OR DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_guard();

-- Lines belong to the transaction that issues their invoice: none can be added to an invoice issued earlier.
CREATE FUNCTION invoice_lines_only_at_issue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM invoices
        WHERE id = NEW.invoice_id AND xmin::text = (pg_current_xact_id()::text::bigint % 4294967296)::text
    ) THEN
        RAISE EXCEPTION 'lines can only be added while their invoice is being issued'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER invoice_lines_at_issue BEFORE INSERT ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_only_at_issue();

CREATE FUNCTION invoice_documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.retain_until < current_date THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'a stored invoice document cannot be changed or deleted'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER invoice_documents_immutable BEFORE UPDATE OR DELETE ON invoice_documents
    FOR EACH ROW EXECUTE FUNCTION invoice_documents_guard();

CREATE FUNCTION invoices_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% cannot be truncated', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices
    FOR EACH STATEMENT EXECUTE FUNCTION invoices_refuse_truncate();
CREATE TRIGGER invoice_lines_no_truncate BEFORE TRUNCATE ON invoice_lines
    FOR EACH STATEMENT EXECUTE FUNCTION invoices_refuse_truncate();
CREATE TRIGGER invoice_documents_no_truncate BEFORE TRUNCATE ON invoice_documents
    FOR EACH STATEMENT EXECUTE FUNCTION invoices_refuse_truncate();

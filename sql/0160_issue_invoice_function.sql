-- Issuing an invoice in one round trip (issue #10, "issuing adds < 5 ms to fulfilment"). Until now
-- InvoiceStore.issue sent the counter + invoice insert, the lines insert and a re-read as separate statements,
-- each a round trip inside the fulfilment transaction. issue_invoice does the same steps server-side, in order,
-- inside the caller's statement (and so inside its transaction), and returns the issued row:
--
--   1. the buyer snapshot from the company (no such company: nothing happens, no row is returned);
--   2. the next number of the series and year from the counter row, taken with INSERT … ON CONFLICT DO UPDATE,
--      which row-locks it until the caller's transaction ends: a rollback gives the number back (no gap), a
--      commit keeps it (no duplicate) — exactly as before;
--   3. the invoice row (the unique indexes on what it bills still refuse a second invoice; the CHECKs and the
--      immutability triggers of 0020/0116 are untouched);
--   4. its lines, as later statements of the same transaction (so invoice_lines_only_at_issue sees the invoice).
--      A line may name a credit pack in product_id: its description is then the pack's name in
--      billing_products (as the invoice is issued), falling back to the description sent.
--
-- Amounts, status and payment are decided by the caller (Storage.InvoiceStore) as before; this function only
-- stores them, so the database's CHECKs remain the second line of defence.
CREATE FUNCTION issue_invoice(
    p_series text, p_kind text, p_corrects uuid, p_company_id uuid, p_status text, p_issue_date date,
    p_service_start date, p_service_end date, p_currency text, p_net_cents bigint, p_vat_cents bigint,
    p_vat_rate_bp integer, p_vat_category text, p_legal_note_de text, p_legal_note_en text, p_purchase_id uuid,
    p_order_id uuid, p_subscription_id uuid, p_refund_id text, p_reason text, p_seller jsonb, p_buyer_country text,
    p_buyer_vat_id text, p_buyer_reference text, p_language text, p_reduction_key text, p_paid_cents bigint,
    p_payment_method text, p_payment_reference text, p_lines jsonb
) RETURNS SETOF invoices LANGUAGE plpgsql AS $$
DECLARE
    v_day date := coalesce(p_issue_date, (now() AT TIME ZONE 'Europe/Berlin')::date);
    v_year integer := extract(year FROM v_day)::integer;
    v_buyer jsonb;
    v_sequence integer;
    v_issued invoices;
BEGIN
    SELECT jsonb_build_object(
        'legal_name', c.name, 'street', c.street, 'extra', c.extra, 'postal_code', c.postal_code,
        'city', c.city, 'country', p_buyer_country, 'vat_id', p_buyer_vat_id, 'reference', p_buyer_reference,
        'email', (SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
                  WHERE m.company_id = c.id ORDER BY m.is_owner DESC, m.created_at LIMIT 1))
    INTO v_buyer
    FROM companies c WHERE c.id = p_company_id;
    IF NOT FOUND THEN
        RETURN;
    END IF;

    INSERT INTO invoice_number_counters AS counter (series, year, last_value) VALUES (p_series, v_year, 1)
    ON CONFLICT (series, year) DO UPDATE SET last_value = counter.last_value + 1
    RETURNING counter.last_value INTO v_sequence;

    INSERT INTO invoices (number, series, year, sequence, kind, corrects, company_id, status, issue_date,
        service_start, service_end, currency, net_cents, vat_cents, gross_cents, vat_rate_bp, vat_category,
        legal_note_de, legal_note_en, purchase_id, order_id, subscription_id, refund_id, reason, seller, buyer,
        language, reduction_key, paid_cents, paid_at, payment_method, payment_reference, due_date, retain_until)
    VALUES (p_series || '-' || v_year || '-' || lpad(v_sequence::text, 6, '0'), p_series, v_year, v_sequence,
        p_kind, p_corrects, p_company_id, p_status, v_day,
        coalesce(p_service_start, v_day), coalesce(p_service_end, p_service_start, v_day),
        p_currency, p_net_cents, p_vat_cents, p_net_cents + p_vat_cents, p_vat_rate_bp, p_vat_category,
        p_legal_note_de, p_legal_note_en, p_purchase_id, p_order_id, p_subscription_id, p_refund_id, p_reason,
        p_seller, v_buyer, p_language, p_reduction_key, p_paid_cents,
        CASE WHEN p_status = 'OPEN' THEN NULL ELSE now() END, p_payment_method, p_payment_reference, v_day,
        make_date(v_year + 8, 12, 31))
    RETURNING * INTO v_issued;

    INSERT INTO invoice_lines (invoice_id, position, item_id, description_de, description_en, quantity, unit_code,
        unit_net_price, line_net_cents)
    SELECT v_issued.id, l.position, l.item_id, coalesce(p.name_de, l.description_de),
        coalesce(p.name_en, l.description_en), l.quantity / 10000, l.unit_code, l.unit_price / 10000,
        l.line_net_cents
    FROM jsonb_to_recordset(p_lines) AS l(position integer, item_id text, product_id text, description_de text,
        description_en text, quantity numeric, unit_code text, unit_price numeric, line_net_cents bigint)
    LEFT JOIN billing_products p ON p.id = l.product_id;

    RETURN NEXT v_issued;
END
$$;

import Domain
import Foundation
public import Postgres
import Web

/// Invoices and corrections (`invoices`, `invoice_lines`, `invoice_number_counters`, `invoice_documents`,
/// migration 0020). Issuing runs inside the caller's transaction — the one that fulfils what the invoice bills —
/// so the invoice exists exactly when the fulfilment does. Reads are company-scoped unless they say otherwise.
public struct InvoiceStore {
    let connection: PostgresConnection

    /// A store on `connection` (which may be inside the caller's transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    static let columns = """
        i.id::text, i.number, i.kind, i.corrects::text, o.number AS corrects_number,
        o.issue_date::text AS corrects_issue_date, i.company_id::text, i.status, i.issue_date::text,
        i.service_start::text, i.service_end::text, i.currency, i.net_cents, i.vat_cents, i.gross_cents,
        i.vat_rate_bp, i.vat_category, i.legal_note_de, i.legal_note_en, i.purchase_id::text, i.order_id::text,
        i.subscription_id::text, i.refund_id, i.reason, i.language, i.paid_cents,
        CASE WHEN i.status = 'OPEN' AND i.kind = 'invoice' THEN i.gross_cents + coalesce(
            (SELECT sum(c.gross_cents) FROM invoices c WHERE c.corrects = i.id AND c.status = 'SETTLED'), 0)
            ELSE 0 END::bigint AS open_cents,
        to_char(i.paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS paid_at,
        (i.paid_at AT TIME ZONE 'Europe/Berlin')::date::text AS paid_date,
        i.payment_method, i.payment_reference, i.due_date::text, i.retain_until::text,
        i.seller->>'name' AS s_name, i.seller->>'street' AS s_street, i.seller->>'postal_code' AS s_postal_code,
        i.seller->>'city' AS s_city, i.seller->>'country' AS s_country, i.seller->>'vat_id' AS s_vat_id,
        i.seller->>'tax_number' AS s_tax_number, i.seller->>'register' AS s_register,
        i.seller->>'directors' AS s_directors, i.seller->>'email' AS s_email, i.seller->>'phone' AS s_phone,
        i.seller->>'iban' AS s_iban, i.seller->>'bic' AS s_bic, (i.seller->>'is_example')::boolean AS s_is_example,
        i.buyer->>'legal_name' AS b_legal_name, i.buyer->>'street' AS b_street, i.buyer->>'extra' AS b_extra,
        i.buyer->>'postal_code' AS b_postal_code, i.buyer->>'city' AS b_city, i.buyer->>'country' AS b_country,
        i.buyer->>'vat_id' AS b_vat_id, i.buyer->>'email' AS b_email, i.buyer->>'reference' AS b_reference
        """

    static let from = "invoices i LEFT JOIN invoices o ON o.id = i.corrects"

    /// Issues `draft`: takes the next number of its series and year from the locked counter row, stores the
    /// invoice with snapshots of the seller and of the buyer's billing profile, and its lines. Must run in the
    /// caller's transaction: a rollback gives the number back (no gap), and the unique indexes on what it bills
    /// refuse a second invoice for the same purchase, order, subscription period or refund.
    public func issue(_ draft: InvoiceDraft) throws -> InvoiceRecord {
        precondition(connection.isInTransaction, "InvoiceStore.issue needs the caller's transaction")
        guard !draft.lines.isEmpty else {
            throw PostgresError(code: .invalidUsage, message: "an invoice needs at least one line")
        }
        let series: String
        let corrects: String?
        switch draft.kind {
        case .invoice:
            series = "CZ"
            corrects = nil
        case .correction(let original):
            series = "CZ-K"
            corrects = original
        }
        let net = draft.netCents
        let vat = draft.vatCents
        let sign = corrects == nil ? 1 : -1
        let paid = draft.payment.map { sign * $0.cents } ?? 0
        let status =
            corrects != nil && draft.reductionKey != nil
            ? "SETTLED" : draft.payment == nil ? "OPEN" : (corrects == nil ? "PAID" : "REFUNDED")
        let seller = draft.seller
        let rows = try connection.query(
            """
            WITH today AS (
                SELECT coalesce(\(draft.issueDate)::date, (now() AT TIME ZONE 'Europe/Berlin')::date) AS day
            ), counter AS (
                INSERT INTO invoice_number_counters (series, year, last_value)
                SELECT \(series), extract(year FROM day)::integer, 1 FROM today
                ON CONFLICT (series, year) DO UPDATE SET last_value = invoice_number_counters.last_value + 1
                RETURNING year, last_value
            ), buyer AS (
                SELECT jsonb_build_object(
                    'legal_name', c.name, 'street', c.street, 'extra', c.extra, 'postal_code', c.postal_code,
                    'city', c.city, 'country', \(draft.buyerCountry)::text, 'vat_id', \(draft.buyerVatID)::text,
                    'reference', \(draft.buyerReference)::text,
                    'email', (SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
                              WHERE m.company_id = c.id ORDER BY m.is_owner DESC, m.created_at LIMIT 1)
                ) AS snapshot
                FROM companies c WHERE c.id = \(draft.companyID)::uuid
            )
            INSERT INTO invoices (number, series, year, sequence, kind, corrects, company_id, status, issue_date,
                service_start, service_end, currency, net_cents, vat_cents, gross_cents, vat_rate_bp, vat_category,
                legal_note_de, legal_note_en, purchase_id, order_id, subscription_id, refund_id, reason, seller, buyer,
                language, reduction_key, paid_cents, paid_at, payment_method, payment_reference, due_date, retain_until)
            SELECT \(series) || '-' || counter.year || '-' || lpad(counter.last_value::text, 6, '0'), \(series),
                counter.year, counter.last_value, \(corrects == nil ? "invoice" : "correction"), \(corrects)::uuid,
                \(draft.companyID)::uuid, \(status), today.day,
                coalesce(\(draft.serviceStart)::date, today.day),
                coalesce(\(draft.serviceEnd)::date, \(draft.serviceStart)::date, today.day),
                \(draft.currency.code), \(net), \(vat), \(net + vat), \(draft.vatRate.basisPoints),
                \(draft.vatCategory.code), \(draft.vatCategory.legalNote?.de), \(draft.vatCategory.legalNote?.en),
                \(draft.purchaseID)::uuid, \(draft.orderID)::uuid, \(draft.subscriptionID)::uuid, \(draft.refundID),
                \(draft.reason),
                jsonb_build_object(
                    'name', \(seller.name)::text, 'street', \(seller.street)::text,
                    'postal_code', \(seller.postalCode)::text, 'city', \(seller.city)::text,
                    'country', \(seller.country)::text, 'vat_id', \(seller.normalisedVATID)::text,
                    'tax_number', \(seller.taxNumber)::text, 'register', \(seller.register)::text,
                    'directors', \(seller.directors)::text, 'email', \(seller.email)::text,
                    'phone', \(seller.phone)::text, 'iban', \(seller.iban.replacingOccurrences(of: " ", with: ""))::text,
                    'bic', \(seller.bic)::text, 'is_example', \(seller.isExample)::boolean),
                buyer.snapshot, \(draft.language.rawValue), \(draft.reductionKey), \(paid),
                CASE WHEN \(status) = 'OPEN' THEN NULL ELSE now() END,
                \(draft.payment?.method), \(draft.payment?.reference), today.day,
                make_date(counter.year + 8, 12, 31)
            FROM today, counter, buyer
            RETURNING id::text
            """)
        guard let id = try rows.first?.string("id") else {
            // No such company: nothing was inserted; throwing rolls the counter back with the caller's transaction.
            throw PostgresError(code: .invalidUsage, message: "no company \(draft.companyID) to invoice")
        }
        try insertLines(draft.lines, invoiceID: id)
        guard let record = try invoice(id: id) else {
            throw PostgresError(code: .invalidUsage, message: "the invoice just issued is missing")
        }
        return record
    }

    private func insertLines(_ lines: [InvoiceDraft.Line], invoiceID: String) throws {
        var writer = JSONWriter()
        writer.beginArray()
        for (index, line) in lines.enumerated() {
            writer.beginObject()
            writer.key("position")
            writer.integer(index + 1)
            writer.key("item_id")
            writer.string(line.itemID)
            writer.key("description_de")
            writer.string(line.description.de)
            writer.key("description_en")
            writer.string(line.description.en)
            writer.key("quantity")
            writer.integer(line.quantityTenThousandths)
            writer.key("unit_code")
            writer.string(line.unitCode)
            writer.key("unit_price")
            writer.integer(line.unitNetPriceTenThousandths)
            writer.key("line_net_cents")
            writer.integer(line.netCents)
            writer.endObject()
        }
        writer.endArray()
        let json = writer.text
        try connection.execute(
            """
            INSERT INTO invoice_lines (invoice_id, position, item_id, description_de, description_en, quantity,
                unit_code, unit_net_price, line_net_cents)
            SELECT \(invoiceID)::uuid, l.position, l.item_id, l.description_de, l.description_en,
                l.quantity / 10000, l.unit_code, l.unit_price / 10000, l.line_net_cents
            FROM jsonb_to_recordset(\(json)::jsonb) AS l(position integer, item_id text, description_de text,
                description_en text, quantity numeric, unit_code text, unit_price numeric, line_net_cents bigint)
            """)
    }

    /// The invoice `id` of any company (for the jobs process and finance staff; callers that act for a
    /// company use ``invoice(id:companyID:)``).
    public func invoice(id: String) throws -> InvoiceRecord? {
        guard UUIDText.isValid(id) else { return nil }
        let rows = try connection.query(
            "SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from) WHERE i.id = \(id)::uuid",
            retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.first.map(Self.record)
    }

    /// The company's invoice `id`, or nil (also for another company's or a malformed id).
    public func invoice(id: String, companyID: String) throws -> InvoiceRecord? {
        guard UUIDText.isValid(id), UUIDText.isValid(companyID) else { return nil }
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from)
            WHERE i.id = \(id)::uuid AND i.company_id = \(companyID)::uuid
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.first.map(Self.record)
    }

    /// Invoices and corrections, newest first: the company's, or with `companyID` nil every company's (finance
    /// staff only; the caller checks the role).
    public func invoices(companyID: String?, limit: Int = 200, offset: Int = 0) throws -> [InvoiceRecord] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from)
            WHERE \(companyID)::uuid IS NULL OR i.company_id = \(companyID)::uuid
            ORDER BY i.issue_date DESC, i.number DESC LIMIT \(limit) OFFSET \(offset)
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.map(Self.record)
    }

    /// The invoice of a purchase (not its corrections), if one was issued.
    public func invoice(purchaseID: String) throws -> InvoiceRecord? {
        guard UUIDText.isValid(purchaseID) else { return nil }
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from)
            WHERE i.purchase_id = \(purchaseID)::uuid AND i.kind = 'invoice'
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.first.map(Self.record)
    }

    /// The corrections of invoice `id`, oldest first.
    public func corrections(of id: String) throws -> [InvoiceRecord] {
        guard UUIDText.isValid(id) else { return [] }
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from)
            WHERE i.corrects = \(id)::uuid ORDER BY i.sequence
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.map(Self.record)
    }

    /// The lines of invoice `id`, in order.
    public func lines(invoiceID: String) throws -> [InvoiceLineRecord] {
        guard UUIDText.isValid(invoiceID) else { return [] }
        let rows = try connection.query(
            """
            SELECT position, item_id, description_de, description_en, quantity::text, unit_code,
                unit_net_price::text, line_net_cents
            FROM invoice_lines WHERE invoice_id = \(invoiceID)::uuid ORDER BY position
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.map { row in
            InvoiceLineRecord(
                position: try row.int("position"), itemID: try row.string("item_id"),
                description: LocalizedText(de: try row.string("description_de"), en: try row.string("description_en")),
                quantity: try row.string("quantity"), unitCode: try row.string("unit_code"),
                unitNetPrice: try row.string("unit_net_price"), lineNetCents: try row.int("line_net_cents"))
        }
    }

    static func record(_ row: PostgresRow) throws -> InvoiceRecord {
        let noteDE = try row.optionalString("legal_note_de")
        let noteEN = try row.optionalString("legal_note_en")
        return InvoiceRecord(
            id: try row.string("id"), number: try row.string("number"),
            kind: InvoiceRecord.Kind(rawValue: try row.string("kind")) ?? .invoice,
            corrects: try row.optionalString("corrects"), correctsNumber: try row.optionalString("corrects_number"),
            correctsIssueDate: try row.optionalString("corrects_issue_date"),
            companyID: try row.string("company_id"),
            status: InvoiceRecord.Status(rawValue: try row.string("status")) ?? .open,
            issueDate: try row.string("issue_date"), serviceStart: try row.string("service_start"),
            serviceEnd: try row.string("service_end"), currency: try row.string("currency"),
            netCents: try row.int("net_cents"), vatCents: try row.int("vat_cents"),
            grossCents: try row.int("gross_cents"), vatRateBasisPoints: try row.int("vat_rate_bp"),
            vatCategory: VATCategory(rawValue: try row.string("vat_category")) ?? .standard,
            legalNote: noteDE.map { LocalizedText(de: $0, en: noteEN ?? $0) },
            purchaseID: try row.optionalString("purchase_id"), orderID: try row.optionalString("order_id"),
            subscriptionID: try row.optionalString("subscription_id"), refundID: try row.optionalString("refund_id"),
            reason: try row.optionalString("reason"),
            seller: SellerProfile(
                name: try row.optionalString("s_name") ?? "", street: try row.optionalString("s_street") ?? "",
                postalCode: try row.optionalString("s_postal_code") ?? "", city: try row.optionalString("s_city") ?? "",
                country: try row.optionalString("s_country") ?? "", vatID: try row.optionalString("s_vat_id") ?? "",
                taxNumber: try row.optionalString("s_tax_number") ?? "",
                register: try row.optionalString("s_register") ?? "",
                directors: try row.optionalString("s_directors") ?? "", email: try row.optionalString("s_email") ?? "",
                phone: try row.optionalString("s_phone") ?? "", iban: try row.optionalString("s_iban") ?? "",
                bic: try row.optionalString("s_bic") ?? "", isExample: try row.optionalBool("s_is_example") ?? false),
            buyer: InvoiceRecord.Buyer(
                legalName: try row.optionalString("b_legal_name") ?? "", street: try row.optionalString("b_street"),
                extra: try row.optionalString("b_extra"), postalCode: try row.optionalString("b_postal_code"),
                city: try row.optionalString("b_city"), country: try row.optionalString("b_country") ?? "",
                vatID: try row.optionalString("b_vat_id"), email: try row.optionalString("b_email"),
                reference: try row.optionalString("b_reference") ?? ""),
            language: Language(rawValue: try row.string("language")) ?? .de,
            paidCents: try row.int("paid_cents"), openCents: try row.int("open_cents"),
            paidAt: try row.optionalString("paid_at"),
            paidDate: try row.optionalString("paid_date"), paymentMethod: try row.optionalString("payment_method"),
            paymentReference: try row.optionalString("payment_reference"), dueDate: try row.string("due_date"),
            retainUntil: try row.string("retain_until"))
    }
}

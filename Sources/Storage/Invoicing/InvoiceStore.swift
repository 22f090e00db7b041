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

    /// What an invoice `i` still asks to be paid: an open invoice's gross amount less its settled reductions (a
    /// reduction's gross amount is negative), nothing for any other.
    static let openCents = """
        CASE WHEN i.status = 'OPEN' AND i.kind = 'invoice' THEN i.gross_cents + coalesce(
            (SELECT sum(c.gross_cents) FROM invoices c WHERE c.corrects = i.id AND c.status = 'SETTLED'), 0)
            ELSE 0 END::bigint
        """

    static let columns = """
        i.id::text, i.number, i.kind, i.corrects::text, o.number AS corrects_number,
        o.issue_date::text AS corrects_issue_date, i.company_id::text, i.status, i.issue_date::text,
        i.service_start::text, i.service_end::text, i.currency, i.net_cents, i.vat_cents, i.gross_cents,
        i.vat_rate_bp, i.vat_category, i.legal_note_de, i.legal_note_en, i.purchase_id::text, i.order_id::text,
        i.subscription_id::text, i.refund_id, i.reason, i.language, i.paid_cents,
        \(openCents) AS open_cents,
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
    ///
    /// One statement, one round trip (issuing sits inside fulfilment, budget < 5 ms): the database function
    /// `issue_invoice` (sql/0160) takes the number, inserts the invoice and its lines in that order; the same
    /// statement enqueues `followUp` for the new invoice (a `jobs` row with payload `{"invoice_id": …}` and dedupe
    /// key `<kind>:<id>`, which wakes the jobs process at commit) and returns the issued record.
    public func issue(_ draft: InvoiceDraft, followUp: InvoiceFollowUpJob? = nil) throws -> InvoiceRecord {
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
        let lines = Self.linesJSON(draft.lines)
        let rows = try connection.query(
            """
            WITH issued AS MATERIALIZED (
                SELECT * FROM issue_invoice(
                    p_series => \(series), p_kind => \(corrects == nil ? "invoice" : "correction"),
                    p_corrects => \(corrects)::uuid, p_company_id => \(draft.companyID)::uuid, p_status => \(status),
                    p_issue_date => \(draft.issueDate)::date, p_service_start => \(draft.serviceStart)::date,
                    p_service_end => \(draft.serviceEnd)::date, p_currency => \(draft.currency.code),
                    p_net_cents => \(net)::bigint, p_vat_cents => \(vat)::bigint,
                    p_vat_rate_bp => \(draft.vatRate.basisPoints)::integer, p_vat_category => \(draft.vatCategory.code),
                    p_legal_note_de => \(draft.vatCategory.legalNote?.de)::text,
                    p_legal_note_en => \(draft.vatCategory.legalNote?.en)::text,
                    p_purchase_id => \(draft.purchaseID)::uuid, p_order_id => \(draft.orderID)::uuid,
                    p_subscription_id => \(draft.subscriptionID)::uuid, p_refund_id => \(draft.refundID)::text,
                    p_reason => \(draft.reason)::text,
                    p_seller => jsonb_build_object(
                        'name', \(seller.name)::text, 'street', \(seller.street)::text,
                        'postal_code', \(seller.postalCode)::text, 'city', \(seller.city)::text,
                        'country', \(seller.country)::text, 'vat_id', \(seller.normalisedVATID)::text,
                        'tax_number', \(seller.taxNumber)::text, 'register', \(seller.register)::text,
                        'directors', \(seller.directors)::text, 'email', \(seller.email)::text,
                        'phone', \(seller.phone)::text,
                        'iban', \(seller.iban.replacingOccurrences(of: " ", with: ""))::text,
                        'bic', \(seller.bic)::text, 'is_example', \(seller.isExample)::boolean),
                    p_buyer_country => \(draft.buyerCountry)::text, p_buyer_vat_id => \(draft.buyerVatID)::text,
                    p_buyer_reference => \(draft.buyerReference)::text, p_language => \(draft.language.rawValue),
                    p_reduction_key => \(draft.reductionKey)::text, p_paid_cents => \(paid)::bigint,
                    p_payment_method => \(draft.payment?.method)::text,
                    p_payment_reference => \(draft.payment?.reference)::text, p_lines => \(lines)::jsonb)
            ), follow_up AS (
                INSERT INTO jobs (kind, payload, max_attempts, dedupe_key)
                SELECT \(followUp?.kind)::text, jsonb_build_object('invoice_id', issued.id::text),
                    \(followUp?.maxAttempts ?? 10)::integer, \(followUp?.kind)::text || ':' || issued.id::text
                FROM issued WHERE \(followUp?.kind)::text IS NOT NULL
                ON CONFLICT (dedupe_key) DO NOTHING
            )
            SELECT \(unescaped: Self.columns) FROM issued i LEFT JOIN invoices o ON o.id = i.corrects
            """)
        guard let row = rows.first else {
            // No such company: nothing was inserted (the function returns before taking a number).
            throw PostgresError(code: .invalidUsage, message: "no company \(draft.companyID) to invoice")
        }
        return try Self.record(row)
    }

    /// The lines as the JSON array `issue_invoice` reads (`jsonb_to_recordset`), positions from 1.
    private static func linesJSON(_ lines: [InvoiceDraft.Line]) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for (index, line) in lines.enumerated() {
            writer.beginObject()
            writer.key("position")
            writer.integer(index + 1)
            writer.key("item_id")
            writer.string(line.itemID)
            if let productID = line.productID {
                writer.key("product_id")
                writer.string(productID)
            }
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
        return writer.text
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
            WHERE true\(and: "i.company_id = $::uuid", companyID)
            ORDER BY i.issue_date DESC, i.number DESC LIMIT \(limit) \(offset: offset)
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

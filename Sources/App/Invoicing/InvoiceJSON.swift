import Domain
import Storage
import Web

/// JSON shapes of invoices in the API (DESIGN §10).
enum InvoiceJSON {
    /// The schema of ``invoice(_:)``.
    static let schema = APISchema.object(listMembers)

    /// The schema of ``detail(_:lines:)``.
    static let detailSchema = APISchema.object(
        listMembers + [
            (
                "lines",
                .array(
                    .object([
                        "position": .integer, "item_id": .string, "description": .localized, "quantity": .string,
                        "unit_code": .string, "unit_net_price": .string, "line_net_cents": .integer,
                    ]))
            ),
            (
                "seller",
                .object([
                    "name": .string, "street": .string, "postal_code": .string, "city": .string, "country": .string,
                    "vat_id": .string, "tax_number": .string, "register": .string,
                ])
            ),
            (
                "buyer",
                .object([
                    "legal_name": .string, "street": APISchema.string.orNull, "extra": APISchema.string.orNull,
                    "postal_code": APISchema.string.orNull, "city": APISchema.string.orNull, "country": .string,
                    "vat_id": APISchema.string.orNull,
                ])
            ),
        ])

    private static let listMembers: [(String, APISchema)] = [
        ("id", .uuid), ("number", .string), ("kind", .oneOf(["invoice", "correction"])),
        ("corrects", APISchema.uuid.orNull), ("corrects_number", APISchema.string.orNull), ("status", .string),
        ("issue_date", .date), ("service_period", .object(["start": .date, "end": .date])),
        ("net_cents", .integer), ("vat_cents", .integer), ("gross_cents", .integer), ("currency", .string),
        ("vat_rate", .string), ("vat_category", .string), ("reverse_charge", .boolean),
        ("paid_cents", .integer), ("open_cents", .integer), ("paid_at", APISchema.string.orNull),
        ("payment_method", APISchema.string.orNull), ("due_date", .date), ("purchase_id", APISchema.uuid.orNull),
        ("order_id", APISchema.uuid.orNull), ("subscription_id", APISchema.uuid.orNull), ("company_id", .uuid),
        ("language", .oneOf(["de", "en"])), ("retain_until", .date), ("pdf_url", .string), ("xml_url", .string),
        ("legal_note?", .localized), ("reason?", .string),
    ]

    /// The list entry: number, kind, status, dates, totals and what it bills.
    static func invoice(_ invoice: InvoiceRecord) -> JSON {
        var object: JSONObject = [
            "id": .string(invoice.id), "number": .string(invoice.number), "kind": .string(invoice.kind.rawValue),
            "corrects": JSON(invoice.corrects), "corrects_number": JSON(invoice.correctsNumber),
            "status": .string(invoice.status.rawValue), "issue_date": .string(invoice.issueDate),
            "service_period": ["start": .string(invoice.serviceStart), "end": .string(invoice.serviceEnd)],
            "net_cents": JSON(invoice.netCents), "vat_cents": JSON(invoice.vatCents),
            "gross_cents": JSON(invoice.grossCents), "currency": .string(invoice.currency),
            "vat_rate": .string(VATRate(basisPoints: invoice.vatRateBasisPoints).percentText),
            "vat_category": .string(invoice.vatCategory.code),
            "reverse_charge": .bool(invoice.vatCategory == .reverseCharge),
            "paid_cents": JSON(invoice.paidCents), "open_cents": JSON(invoice.openCents),
            "paid_at": JSON(invoice.paidAt),
            "payment_method": JSON(invoice.paymentMethod), "due_date": .string(invoice.dueDate),
            "purchase_id": JSON(invoice.purchaseID), "order_id": JSON(invoice.orderID),
            "subscription_id": JSON(invoice.subscriptionID), "company_id": .string(invoice.companyID),
            "language": .string(invoice.language.rawValue), "retain_until": .string(invoice.retainUntil),
            "pdf_url": .string("/api/v1/invoices/\(invoice.id)/pdf"),
            "xml_url": .string("/api/v1/invoices/\(invoice.id)/xml"),
        ]
        if let note = invoice.legalNote {
            object["legal_note"] = ["de": .string(note.de), "en": .string(note.en)]
        }
        if let reason = invoice.reason { object["reason"] = .string(reason) }
        return .object(object)
    }

    /// The full invoice: the list entry plus lines and both party snapshots.
    static func detail(_ invoice: InvoiceRecord, lines: [InvoiceLineRecord]) -> JSON {
        guard case .object(var object) = Self.invoice(invoice) else { return .null }
        object["lines"] = .array(
            lines.map { line in
                [
                    "position": JSON(line.position), "item_id": .string(line.itemID),
                    "description": ["de": .string(line.description.de), "en": .string(line.description.en)],
                    "quantity": .string(line.quantity), "unit_code": .string(line.unitCode),
                    "unit_net_price": .string(line.unitNetPrice), "line_net_cents": JSON(line.lineNetCents),
                ]
            })
        let seller = invoice.seller
        object["seller"] = [
            "name": .string(seller.name), "street": .string(seller.street), "postal_code": .string(seller.postalCode),
            "city": .string(seller.city), "country": .string(seller.country), "vat_id": .string(seller.vatID),
            "tax_number": .string(seller.taxNumber), "register": .string(seller.register),
        ]
        let buyer = invoice.buyer
        object["buyer"] = [
            "legal_name": .string(buyer.legalName), "street": JSON(buyer.street), "extra": JSON(buyer.extra),
            "postal_code": JSON(buyer.postalCode), "city": JSON(buyer.city), "country": .string(buyer.country),
            "vat_id": JSON(buyer.vatID),
        ]
        return .object(object)
    }
}

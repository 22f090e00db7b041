import Domain
import Storage
import Web

/// JSON shapes of purchases (the seed's `Purchase` fields plus the tax facts) and orders.
enum PurchaseJSON {
    /// The schema of ``purchase(_:)``.
    static let schema = APISchema.object([
        "id": .uuid, "provider": .string, "provider_ref": APISchema.string.orNull,
        "type": .oneOf(["CREDITS", "IZA_PASS", "ORDER"]), "product_id": APISchema.string.orNull,
        "order_id": APISchema.uuid.orNull, "status": .oneOf(PurchaseStatus.allCases.map(\.rawValue)),
        "credits_amount": .integer, "currency": .string, "net_cents": .integer,
        "vat_rate": .string, "vat_rate_basis_points": .integer, "vat_cents": .integer,
        "amount_cents": .integer, "reverse_charge": .boolean, "vat_category": .string,
        "buyer_country": .string, "buyer_vat_id": APISchema.string.orNull, "created_at": .string,
        "paid_at": APISchema.string.orNull, "legal_note": APISchema.localized.orNull,
        "company_id?": .uuid,
    ])

    /// The schema of ``order(_:)``.
    static let orderSchema = APISchema.object([
        "id": .uuid, "status": .string, "package": .string, "currency": .string, "net_cents": .integer,
        "vat_cents": .integer, "gross_cents": .integer, "monthly_net_cents": .integer, "vat_rate": .string,
        "reverse_charge": .boolean, "vat_category": .string, "buyer_country": .string,
        "buyer_vat_id": APISchema.string.orNull,
        "legal_note": APISchema.object(["de": APISchema.string.orNull, "en": APISchema.string.orNull]).orNull,
        "created_at": .string, "paid_at": APISchema.string.orNull,
        "lines": .array(
            .object([
                "id": .string, "kind": .string, "name": .localized, "interval": .string, "unit_net_cents": .integer,
                "quantity": .integer, "net_cents": .integer,
            ])),
    ])

    static func purchase(_ purchase: PurchaseRecord) -> JSON {
        [
            "id": .string(purchase.id), "provider": .string(purchase.provider),
            "provider_ref": JSON(purchase.sessionID),
            "type": .string(purchase.kind.rawValue), "product_id": JSON(purchase.productID),
            "order_id": JSON(purchase.orderID), "status": .string(purchase.status.rawValue),
            "credits_amount": JSON(purchase.credits), "currency": .string(purchase.currency),
            "net_cents": JSON(purchase.netCents),
            "vat_rate": .string(VATRate(basisPoints: purchase.vatRateBasisPoints).percentText),
            "vat_rate_basis_points": JSON(purchase.vatRateBasisPoints), "vat_cents": JSON(purchase.vatCents),
            "amount_cents": JSON(purchase.amountCents), "reverse_charge": .bool(purchase.reverseCharge),
            "vat_category": .string(purchase.vatCategory), "buyer_country": .string(purchase.buyerCountry),
            "buyer_vat_id": JSON(purchase.buyerVatID), "created_at": .string(purchase.createdAt),
            "paid_at": JSON(purchase.paidAt),
            "legal_note": legalNote(category: purchase.vatCategory),
        ]
    }

    static func order(_ order: OrderRecord) -> JSON {
        [
            "id": .string(order.id), "status": .string(order.status), "package": .string(order.packageID),
            "currency": .string(order.currency), "net_cents": JSON(order.netCents), "vat_cents": JSON(order.vatCents),
            "gross_cents": JSON(order.amountCents), "monthly_net_cents": JSON(order.monthlyNetCents),
            "vat_rate": .string(VATRate(basisPoints: order.vatRateBasisPoints).percentText),
            "reverse_charge": .bool(order.reverseCharge), "vat_category": .string(order.vatCategory),
            "buyer_country": .string(order.buyerCountry), "buyer_vat_id": JSON(order.buyerVatID),
            "legal_note": order.legalNoteDE == nil
                ? .null : ["de": JSON(order.legalNoteDE), "en": JSON(order.legalNoteEN)],
            "created_at": .string(order.createdAt), "paid_at": JSON(order.paidAt),
            "lines": .array(
                order.lines.map { line in
                    [
                        "id": .string(line.itemID), "kind": .string(line.kind),
                        "name": ["de": .string(line.nameDE), "en": .string(line.nameEN)],
                        "interval": .string(line.interval), "unit_net_cents": JSON(line.unitNetCents),
                        "quantity": JSON(line.quantity), "net_cents": JSON(line.lineNetCents),
                    ]
                }),
        ]
    }

    static func legalNote(category: String) -> JSON {
        guard let note = VATCategory(rawValue: category)?.legalNote else { return .null }
        return ["de": .string(note.de), "en": .string(note.en)]
    }
}

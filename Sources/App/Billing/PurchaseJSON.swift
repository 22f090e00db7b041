import Domain
import Storage
import Web

/// JSON shapes of purchases (the seed's `Purchase` fields plus the tax facts) and orders.
enum PurchaseJSON {
    static func purchase(_ purchase: PurchaseRecord) -> JSON {
        [
            "id": .string(purchase.id), "provider": .string(purchase.provider.rawValue),
            "provider_ref": JSON(purchase.sessionID),
            "type": .string(purchase.kind.rawValue), "product_id": JSON(purchase.productID),
            "order_id": JSON(purchase.orderID), "status": .string(purchase.status.rawValue),
            "credits_amount": JSON(purchase.credits), "currency": .string(purchase.currency.code),
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
            "id": .string(order.id), "status": .string(order.status.rawValue), "package": .string(order.packageID),
            "currency": .string(order.currency.code), "net_cents": JSON(order.netCents),
            "vat_cents": JSON(order.vatCents),
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
                        "id": .string(line.itemID), "kind": .string(line.kind.rawValue),
                        "name": ["de": .string(line.nameDE), "en": .string(line.nameEN)],
                        "interval": .string(line.interval.rawValue), "unit_net_cents": JSON(line.unitNetCents),
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

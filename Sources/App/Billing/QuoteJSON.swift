import Domain
import Web

/// The quote API's JSON (`POST /api/v1/pricing/quote`), also the shape orders are priced from.
enum QuoteJSON {
    /// The schema of ``quote(_:)``.
    static let schema = APISchema.object([
        "currency": .string,
        "lines": .array(
            .object([
                "id": .string, "kind": .string, "name": .localized, "interval": .string, "unit_net_cents": .integer,
                "quantity": .integer, "line_net_cents": .integer,
            ])),
        "net_cents": .integer, "vat_rate": .string, "vat_rate_basis_points": .integer, "vat_cents": .integer,
        "gross_cents": .integer, "reverse_charge": .boolean, "vat_category": .string, "country": .string,
        "vat_id": APISchema.string.orNull, "legal_note": APISchema.localized.orNull,
        "one_time": totalsSchema, "monthly": totalsSchema,
    ])

    static let totalsSchema = APISchema.object(["net_cents": .integer, "vat_cents": .integer, "gross_cents": .integer])

    /// The schema of what ``request(_:countryRequired:)`` reads.
    static func requestSchema(countryRequired: Bool) -> APISchema {
        .object([
            "package": .text(64),
            (countryRequired ? "country" : "country?"): countryRequired
                ? .text(2) : APISchema.text(1000, minimumLength: 0).orNull,
            "vat_id?": APISchema.text(20, minimumLength: 0).orNull,
            "addons?": APISchema.array(
                .object(["id": .string(minimumLength: 1), "quantity?": APISchema.integer.orNull])
            ).orNull,
        ])
    }

    static func quote(_ quote: PriceQuote) -> JSON {
        [
            "currency": .string(quote.currency.code),
            "lines": .array(
                quote.lines.map { line in
                    [
                        "id": .string(line.id), "kind": .string(line.kind.rawValue),
                        "name": ["de": .string(line.name.de), "en": .string(line.name.en)],
                        "interval": .string(line.interval.rawValue), "unit_net_cents": JSON(line.unitNet.cents),
                        "quantity": JSON(line.quantity), "line_net_cents": JSON(line.lineNet.cents),
                    ]
                }),
            "net_cents": JSON(quote.netCents), "vat_rate": .string(quote.vatRate.percentText),
            "vat_rate_basis_points": JSON(quote.vatRate.basisPoints), "vat_cents": JSON(quote.vatCents),
            "gross_cents": JSON(quote.grossCents), "reverse_charge": .bool(quote.reverseCharge),
            "vat_category": .string(quote.vat.category.code), "country": .string(quote.vat.buyerCountry.code),
            "vat_id": JSON(quote.vat.buyerVatId?.description),
            "legal_note": quote.legalNote.map { ["de": .string($0.de), "en": .string($0.en)] } ?? .null,
            "one_time": totals(quote.oneTime), "monthly": totals(quote.monthly),
        ]
    }

    static func totals(_ totals: QuoteTotals) -> JSON {
        [
            "net_cents": JSON(totals.net.cents), "vat_cents": JSON(totals.vat.cents),
            "gross_cents": JSON(totals.gross.cents),
        ]
    }

    /// `{package, addons:[{id, quantity}], country, vat_id?}` → the pricing inputs, every problem as a field error.
    static func request(
        _ object: JSONObject, countryRequired: Bool = true
    ) throws -> (
        package: String, addons: [AddonSelection], country: String?, vatId: String?
    ) {
        var fields = JSONFields(object)
        let package = fields.string("package", maximumLength: 64)
        let country = countryRequired ? fields.string("country", maximumLength: 2) : fields.optionalString("country")
        let vatId = fields.optionalString("vat_id", maximumLength: 20)
        var addons: [AddonSelection] = []
        switch object["addons"] {
        case nil, .null?: break
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                guard let id = item["id"]?.stringValue, !id.isEmpty else {
                    fields.fail("addons", "item \(index) needs an id", code: "required")
                    continue
                }
                let quantity: Int
                switch item["quantity"] {
                case nil, .null?: quantity = 1
                case let value?:
                    guard let number = value.intValue else {
                        fields.fail("addons", "item \(index): quantity must be an integer", code: "type")
                        continue
                    }
                    quantity = number
                }
                addons.append(AddonSelection(id: id, quantity: quantity))
            }
        default: fields.fail("addons", "must be an array", code: "type")
        }
        try fields.check()
        return (package, addons, country, vatId)
    }
}

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

    /// The quote as JSON bytes, written straight into the output (no ``JSON`` tree: issue #16); members in the
    /// order of ``schema``. `QuoteJSONTests` compares the bytes with the tree the API answered before.
    static func body(_ quote: PriceQuote) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512 + quote.lines.count * 192)
        JSONWriter.appendStatic("{\"currency\":", to: &output)
        JSONWriter.appendString(quote.currency.code, to: &output)
        JSONWriter.appendStatic(",\"lines\":[", to: &output)
        var separator = false
        for line in quote.lines {
            if separator { output.append(UInt8(ascii: ",")) }
            separator = true
            JSONWriter.appendStatic("{\"id\":", to: &output)
            JSONWriter.appendString(line.id, to: &output)
            JSONWriter.appendStatic(",\"kind\":", to: &output)
            JSONWriter.appendString(line.kind.rawValue, to: &output)
            JSONWriter.appendStatic(",\"name\":", to: &output)
            localized(line.name, &output)
            JSONWriter.appendStatic(",\"interval\":", to: &output)
            JSONWriter.appendString(line.interval.rawValue, to: &output)
            JSONWriter.appendStatic(",\"unit_net_cents\":", to: &output)
            JSONWriter.appendInteger(Int64(line.unitNet.cents), to: &output)
            JSONWriter.appendStatic(",\"quantity\":", to: &output)
            JSONWriter.appendInteger(Int64(line.quantity), to: &output)
            JSONWriter.appendStatic(",\"line_net_cents\":", to: &output)
            JSONWriter.appendInteger(Int64(line.lineNet.cents), to: &output)
            output.append(UInt8(ascii: "}"))
        }
        JSONWriter.appendStatic("],\"net_cents\":", to: &output)
        JSONWriter.appendInteger(Int64(quote.netCents), to: &output)
        JSONWriter.appendStatic(",\"vat_rate\":", to: &output)
        JSONWriter.appendString(quote.vatRate.percentText, to: &output)
        JSONWriter.appendStatic(",\"vat_rate_basis_points\":", to: &output)
        JSONWriter.appendInteger(Int64(quote.vatRate.basisPoints), to: &output)
        JSONWriter.appendStatic(",\"vat_cents\":", to: &output)
        JSONWriter.appendInteger(Int64(quote.vatCents), to: &output)
        JSONWriter.appendStatic(",\"gross_cents\":", to: &output)
        JSONWriter.appendInteger(Int64(quote.grossCents), to: &output)
        JSONWriter.appendStatic(",\"reverse_charge\":", to: &output)
        JSONWriter.appendStatic(quote.reverseCharge ? "true" : "false", to: &output)
        JSONWriter.appendStatic(",\"vat_category\":", to: &output)
        JSONWriter.appendString(quote.vat.category.code, to: &output)
        JSONWriter.appendStatic(",\"country\":", to: &output)
        JSONWriter.appendString(quote.vat.buyerCountry.code, to: &output)
        JSONWriter.appendStatic(",\"vat_id\":", to: &output)
        if let vatID = quote.vat.buyerVatId {
            JSONWriter.appendString(vatID.description, to: &output)
        } else {
            JSONWriter.appendNull(to: &output)
        }
        JSONWriter.appendStatic(",\"legal_note\":", to: &output)
        if let note = quote.legalNote { localized(note, &output) } else { JSONWriter.appendNull(to: &output) }
        JSONWriter.appendStatic(",\"one_time\":", to: &output)
        totals(quote.oneTime, &output)
        JSONWriter.appendStatic(",\"monthly\":", to: &output)
        totals(quote.monthly, &output)
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// `{"de":…,"en":…}`.
    private static func localized(_ text: LocalizedText, _ output: inout [UInt8]) {
        JSONWriter.appendStatic("{\"de\":", to: &output)
        JSONWriter.appendString(text.de, to: &output)
        JSONWriter.appendStatic(",\"en\":", to: &output)
        JSONWriter.appendString(text.en, to: &output)
        output.append(UInt8(ascii: "}"))
    }

    /// `{"net_cents":…,"vat_cents":…,"gross_cents":…}`.
    private static func totals(_ totals: QuoteTotals, _ output: inout [UInt8]) {
        JSONWriter.appendStatic("{\"net_cents\":", to: &output)
        JSONWriter.appendInteger(Int64(totals.net.cents), to: &output)
        JSONWriter.appendStatic(",\"vat_cents\":", to: &output)
        JSONWriter.appendInteger(Int64(totals.vat.cents), to: &output)
        JSONWriter.appendStatic(",\"gross_cents\":", to: &output)
        JSONWriter.appendInteger(Int64(totals.gross.cents), to: &output)
        output.append(UInt8(ascii: "}"))
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

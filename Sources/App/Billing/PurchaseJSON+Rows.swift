import Domain
import Postgres
import Storage
import Web

extension PurchaseJSON {
    /// `{"purchases":[…]}` written straight from rows with ``PurchaseStore/listingColumns`` into bytes, without a
    /// ``JSON`` tree, `String`s or records in between (issue #16: building and serialising the tree was more than
    /// half of the purchases list's cost). The bytes are exactly those of
    /// `JSON(["purchases": .array(records.map(purchase))]).serialized()` for the same purchases
    /// (`PurchaseListJSONTests`).
    ///
    /// - Throws: ``PurchaseListError`` when a column is missing or a number column holds no integer (a schema that
    ///   no longer matches the SQL: a programming error, answered 500).
    static func list(_ rows: [PostgresRow]) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(32 + rows.count * 640)
        JSONWriter.appendStatic("{\"purchases\":[", to: &output)
        if let first = rows.first {
            let columns = try ListColumns(first)
            var separator = false
            for row in rows {
                if separator { output.append(UInt8(ascii: ",")) }
                separator = true
                try columns.write(row, into: &output)
            }
        }
        JSONWriter.appendStatic("]}", to: &output)
        return output
    }

    /// The positions of the listing's columns in one result, looked up once for all its rows.
    private struct ListColumns {
        let id: Int, provider: Int, providerRef: Int, type: Int, productID: Int, orderID: Int, status: Int
        let credits: Int, currency: Int, net: Int, rate: Int, vat: Int, amount: Int, reverseCharge: Int
        let category: Int, country: Int, vatID: Int, createdAt: Int, paidAt: Int

        init(_ row: PostgresRow) throws {
            func position(_ name: String) throws -> Int {
                guard let position = row.position(of: name) else { throw PurchaseListError.missingColumn(name) }
                return position
            }
            id = try position("id")
            provider = try position("provider")
            providerRef = try position("provider_ref")
            type = try position("type")
            productID = try position("product_id")
            orderID = try position("order_id")
            status = try position("status")
            credits = try position("credits_amount")
            currency = try position("currency")
            net = try position("net_cents")
            rate = try position("vat_rate_bp")
            vat = try position("vat_cents")
            amount = try position("amount_cents")
            reverseCharge = try position("reverse_charge")
            category = try position("vat_category")
            country = try position("buyer_country")
            vatID = try position("buyer_vat_id")
            createdAt = try position("created_at")
            paidAt = try position("paid_at")
        }

        /// One purchase, members in the order of ``PurchaseJSON/purchase(_:)``.
        func write(_ row: PostgresRow, into output: inout [UInt8]) throws {
            JSONWriter.appendStatic("{\"id\":", to: &output)
            Self.string(row, id, &output)
            JSONWriter.appendStatic(",\"provider\":", to: &output)
            Self.string(row, provider, &output)
            JSONWriter.appendStatic(",\"provider_ref\":", to: &output)
            Self.string(row, providerRef, &output)
            JSONWriter.appendStatic(",\"type\":", to: &output)
            Self.string(row, type, &output)
            JSONWriter.appendStatic(",\"product_id\":", to: &output)
            Self.string(row, productID, &output)
            JSONWriter.appendStatic(",\"order_id\":", to: &output)
            Self.string(row, orderID, &output)
            JSONWriter.appendStatic(",\"status\":", to: &output)
            Self.string(row, status, &output)
            JSONWriter.appendStatic(",\"credits_amount\":", to: &output)
            try Self.integer(row, credits, "credits_amount", &output)
            JSONWriter.appendStatic(",\"currency\":", to: &output)
            Self.string(row, currency, &output)
            JSONWriter.appendStatic(",\"net_cents\":", to: &output)
            try Self.integer(row, net, "net_cents", &output)
            JSONWriter.appendStatic(",\"vat_rate\":", to: &output)
            let basisPoints = try Self.integer(row, rate, "vat_rate_bp")
            JSONWriter.appendString(VATRate(basisPoints: basisPoints).percentText, to: &output)
            JSONWriter.appendStatic(",\"vat_rate_basis_points\":", to: &output)
            JSONWriter.appendInteger(Int64(basisPoints), to: &output)
            JSONWriter.appendStatic(",\"vat_cents\":", to: &output)
            try Self.integer(row, vat, "vat_cents", &output)
            JSONWriter.appendStatic(",\"amount_cents\":", to: &output)
            try Self.integer(row, amount, "amount_cents", &output)
            JSONWriter.appendStatic(",\"reverse_charge\":", to: &output)
            var isReverseCharge = false
            row.withRawValue(at: reverseCharge) { isReverseCharge = $0?.first == UInt8(ascii: "t") }
            JSONWriter.appendStatic(isReverseCharge ? "true" : "false", to: &output)
            JSONWriter.appendStatic(",\"vat_category\":", to: &output)
            Self.string(row, category, &output)
            JSONWriter.appendStatic(",\"buyer_country\":", to: &output)
            Self.string(row, country, &output)
            JSONWriter.appendStatic(",\"buyer_vat_id\":", to: &output)
            Self.string(row, vatID, &output)
            JSONWriter.appendStatic(",\"created_at\":", to: &output)
            Self.string(row, createdAt, &output)
            JSONWriter.appendStatic(",\"paid_at\":", to: &output)
            Self.string(row, paidAt, &output)
            JSONWriter.appendStatic(",\"legal_note\":", to: &output)
            row.withRawValue(at: category) { code in
                let note = code.flatMap { code in Self.legalNotes.first { $0.code.elementsEqual(code) } }
                if let note { output.append(contentsOf: note.json) } else { JSONWriter.appendNull(to: &output) }
            }
            output.append(UInt8(ascii: "}"))
        }

        /// Each VAT category's code and its `legal_note` member value, serialised once.
        private static let legalNotes: [(code: [UInt8], json: [UInt8])] = VATCategory.allCases.map {
            (Array($0.rawValue.utf8), PurchaseJSON.legalNote(category: $0.rawValue).serialized())
        }

        /// A text column as a JSON string, NULL as `null`.
        private static func string(_ row: PostgresRow, _ position: Int, _ output: inout [UInt8]) {
            row.withRawValue(at: position) { bytes in
                guard let bytes else { return JSONWriter.appendNull(to: &output) }
                output.append(UInt8(ascii: "\""))
                JSONWriter.appendEscaped(bytes, to: &output)
                output.append(UInt8(ascii: "\""))
            }
        }

        /// An integer column as a JSON number.
        private static func integer(
            _ row: PostgresRow, _ position: Int, _ name: String, _ output: inout [UInt8]
        )
            throws
        {
            JSONWriter.appendInteger(Int64(try integer(row, position, name)), to: &output)
        }

        /// An integer column's value (text format: optional `-`, decimal digits).
        private static func integer(_ row: PostgresRow, _ position: Int, _ name: String) throws -> Int {
            var value: Int?
            row.withRawValue(at: position) { bytes in
                guard let bytes, !bytes.isEmpty else { return }
                let negative = bytes[0] == UInt8(ascii: "-")
                guard bytes.count > (negative ? 1 : 0) else { return }
                var magnitude = 0
                for byte in bytes.dropFirst(negative ? 1 : 0) {
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"),
                        magnitude <= (Int.max - 9) / 10
                    else { return }
                    magnitude = magnitude * 10 + Int(byte - UInt8(ascii: "0"))
                }
                value = negative ? -magnitude : magnitude
            }
            guard let value else { throw PurchaseListError.notAnInteger(name) }
            return value
        }
    }
}

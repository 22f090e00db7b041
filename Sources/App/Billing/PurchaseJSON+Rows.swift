import CivilTime
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
        guard let first = rows.first else { return Array(#"{"purchases":[]}"#.utf8) }
        let columns = try ListColumns(first)
        return try JSONWriter.RawBuffer.written(initialCapacity: 32 + rows.count * 640) { output in
            output.append("{\"purchases\":[")
            var rate = RateText()
            var separator = false
            for row in rows {
                if separator { output.append(UInt8(ascii: ",")) }
                separator = true
                try columns.write(row, into: &output, rate: &rate)
            }
            output.append("]}")
        }
    }

    /// The `vat_rate` text of the last rate written, kept for the next row (a list rarely has more than one rate).
    private struct RateText {
        var basisPoints: Int?
        var json: [UInt8] = []

        mutating func json(basisPoints: Int) -> [UInt8] {
            if basisPoints != self.basisPoints {
                self.basisPoints = basisPoints
                json = []
                JSONWriter.appendString(VATRate(basisPoints: basisPoints).percentText, to: &json)
            }
            return json
        }
    }

    /// The positions of the listing's columns in one result, looked up once for all its rows.
    private struct ListColumns {
        let id: Int, provider: Int, providerRef: Int, type: Int, productID: Int, orderID: Int, status: Int
        let credits: Int, currency: Int, net: Int, rate: Int, vat: Int, amount: Int, reverseCharge: Int
        let category: Int, country: Int, vatID: Int, createdAt: Int, paidAt: Int

        /// The listing's column names in the order of ``PurchaseStore/listingColumns``.
        private static let names = [
            "id", "provider", "provider_ref", "type", "product_id", "order_id", "status", "credits_amount",
            "currency", "net_cents", "vat_rate_bp", "vat_cents", "amount_cents", "reverse_charge", "vat_category",
            "buyer_country", "buyer_vat_id", "created_at", "paid_at",
        ]

        init(_ row: PostgresRow) throws {
            let columns = row.columns
            // Usually the names follow each other in the listing's order: one comparison per name then.
            var positions: [Int] = []
            positions.reserveCapacity(Self.names.count)
            if let base = row.position(of: Self.names[0]), base + Self.names.count <= columns.count,
                Self.names.indices.allSatisfy({ columns[base + $0] == Self.names[$0] })
            {
                positions = Self.names.indices.map { base + $0 }
            } else {
                for name in Self.names {
                    guard let position = row.position(of: name) else { throw PurchaseListError.missingColumn(name) }
                    positions.append(position)
                }
            }
            (id, provider, providerRef, type, productID, orderID, status) = (
                positions[0], positions[1], positions[2], positions[3], positions[4], positions[5], positions[6]
            )
            (credits, currency, net, rate, vat, amount, reverseCharge) = (
                positions[7], positions[8], positions[9], positions[10], positions[11], positions[12], positions[13]
            )
            (category, country, vatID, createdAt, paidAt) = (
                positions[14], positions[15], positions[16], positions[17], positions[18]
            )
        }

        /// One purchase, members in the order of ``PurchaseJSON/purchase(_:)``.
        func write(_ row: PostgresRow, into output: inout JSONWriter.RawBuffer, rate text: inout RateText) throws {
            output.append("{\"id\":")
            Self.string(row, id, &output)
            output.append(",\"provider\":")
            Self.string(row, provider, &output)
            output.append(",\"provider_ref\":")
            Self.string(row, providerRef, &output)
            output.append(",\"type\":")
            Self.string(row, type, &output)
            output.append(",\"product_id\":")
            Self.string(row, productID, &output)
            output.append(",\"order_id\":")
            Self.string(row, orderID, &output)
            output.append(",\"status\":")
            Self.string(row, status, &output)
            output.append(",\"credits_amount\":")
            try Self.integer(row, credits, "credits_amount", &output)
            output.append(",\"currency\":")
            Self.string(row, currency, &output)
            output.append(",\"net_cents\":")
            try Self.integer(row, net, "net_cents", &output)
            output.append(",\"vat_rate\":")
            let basisPoints = try Self.integer(row, rate, "vat_rate_bp")
            output.append(text.json(basisPoints: basisPoints))
            output.append(",\"vat_rate_basis_points\":")
            try Self.integer(row, rate, "vat_rate_bp", &output)
            output.append(",\"vat_cents\":")
            try Self.integer(row, vat, "vat_cents", &output)
            output.append(",\"amount_cents\":")
            try Self.integer(row, amount, "amount_cents", &output)
            output.append(",\"reverse_charge\":")
            var isReverseCharge = false
            row.withRawValue(at: reverseCharge) { isReverseCharge = $0?.first == UInt8(ascii: "t") }
            output.append(isReverseCharge ? "true" : "false")
            output.append(",\"vat_category\":")
            Self.string(row, category, &output)
            output.append(",\"buyer_country\":")
            Self.string(row, country, &output)
            output.append(",\"buyer_vat_id\":")
            Self.string(row, vatID, &output)
            output.append(",\"created_at\":")
            try Self.time(row, createdAt, "created_at", &output)
            output.append(",\"paid_at\":")
            try Self.time(row, paidAt, "paid_at", &output)
            output.append(",\"legal_note\":")
            row.withRawValue(at: category) { code in
                let note = code.flatMap { code in Self.legalNotes.first { $0.code.elementsEqual(code) } }
                if let note { output.append(note.json) } else { output.append("null") }
            }
            output.append(UInt8(ascii: "}"))
        }

        /// Each VAT category's code and its `legal_note` member value, serialised once.
        private static let legalNotes: [(code: [UInt8], json: [UInt8])] = VATCategory.allCases.map {
            (Array($0.rawValue.utf8), PurchaseJSON.legalNote(category: $0.rawValue).serialized())
        }

        /// A text column as a JSON string, NULL as `null`.
        private static func string(_ row: PostgresRow, _ position: Int, _ output: inout JSONWriter.RawBuffer) {
            row.withRawValue(at: position) { bytes in
                guard let bytes else { return output.append("null") }
                output.appendQuoted(bytes)
            }
        }

        /// A column of whole seconds since 1970 as the JSON string `"YYYY-MM-DDTHH:MM:SSZ"` (UTC; what
        /// `to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` writes for years 1 to 9999), NULL as `null`.
        private static func time(
            _ row: PostgresRow, _ position: Int, _ name: String, _ output: inout JSONWriter.RawBuffer
        ) throws {
            var seconds: Int?
            var isNull = false
            row.withRawValue(at: position) { bytes in
                guard let bytes else { return isNull = true }
                seconds = Self.isInteger(bytes) && bytes.count <= 18 ? Self.value(bytes) : nil
            }
            if isNull { return output.append("null") }
            guard let seconds else { throw PurchaseListError.notAnInteger(name) }
            let days = CivilCalendar.dayNumber(ofSeconds: Int64(seconds))
            let date = CivilCalendar.date(ofDayNumber: days)
            let time = Int64(seconds) - days * 86_400
            guard date.year >= 1, date.year <= 9999 else { throw PurchaseListError.notAnInteger(name) }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 22) { text in
                func digits(_ value: Int64, _ count: Int, at offset: Int) {
                    var rest = value
                    for index in (offset..<offset + count).reversed() {
                        text[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                        rest /= 10
                    }
                }
                text[0] = UInt8(ascii: "\"")
                digits(date.year, 4, at: 1)
                text[5] = UInt8(ascii: "-")
                digits(date.month, 2, at: 6)
                text[8] = UInt8(ascii: "-")
                digits(date.day, 2, at: 9)
                text[11] = UInt8(ascii: "T")
                digits(time / 3600, 2, at: 12)
                text[14] = UInt8(ascii: ":")
                digits(time / 60 % 60, 2, at: 15)
                text[17] = UInt8(ascii: ":")
                digits(time % 60, 2, at: 18)
                text[20] = UInt8(ascii: "Z")
                text[21] = UInt8(ascii: "\"")
                output.append(UnsafeBufferPointer(text))
            }
        }

        /// The value of bytes that ``isInteger(_:)`` accepted and that have at most 18 digits.
        private static func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            let negative = bytes[0] == UInt8(ascii: "-")
            var magnitude = 0
            for byte in bytes.dropFirst(negative ? 1 : 0) {
                magnitude = magnitude * 10 + Int(byte &- UInt8(ascii: "0"))
            }
            return negative ? -magnitude : magnitude
        }

        /// An integer column as a JSON number: its text as the server sent it, once checked to be an integer
        /// (PostgreSQL writes integers as `-` and digits without leading zeros, as JSON does).
        private static func integer(
            _ row: PostgresRow, _ position: Int, _ name: String, _ output: inout JSONWriter.RawBuffer
        ) throws {
            var valid = false
            row.withRawValue(at: position) { bytes in
                guard let bytes, Self.isInteger(bytes) else { return }
                valid = true
                output.append(bytes)
            }
            guard valid else { throw PurchaseListError.notAnInteger(name) }
        }

        /// Whether `bytes` are an optional `-` and decimal digits, not starting with a zero unless it is the only
        /// one: an integer as PostgreSQL writes it, and a JSON number with the same digits.
        private static func isInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let digits = bytes.first == UInt8(ascii: "-") ? UnsafeBufferPointer(rebasing: bytes.dropFirst()) : bytes
            guard !digits.isEmpty, digits[0] != UInt8(ascii: "0") || digits.count == 1 else {
                return false
            }
            return digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
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

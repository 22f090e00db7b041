import Synchronization

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// A way to name a column of a row: its name (`"net_cents"`) or its zero-based index (`0`).
///
/// The key finds its own position (a protocol requirement, so a getter called from another module needs no
/// dynamic cast per column: issue #16's profile counted ~2,500 instructions per column read before).
public protocol PostgresColumnKey: Sendable {
    /// The zero-based position of this column among `columns` (the result's column names), or `nil`.
    func position(in columns: [String]) -> Int?
    /// Whether this key is the name `column` (an index key never is: it finds its position directly).
    func isName(_ column: String) -> Bool
    /// How an error message names the column (`"net_cents"` quoted, an index as a number).
    var columnDescription: String { get }
}

extension PostgresColumnKey {
    /// Not a name.
    public func isName(_ column: String) -> Bool { false }
}

extension String: PostgresColumnKey {
    /// The first column with this name. Names of another length in UTF-8 are passed over without comparing them
    /// (a look-up compares a name with ~10 others on average, and `==` on names over 15 bytes is a call each), so a
    /// name written in another Unicode normalization than the server's is not found (PostgreSQL itself compares
    /// identifiers byte for byte).
    public func position(in columns: [String]) -> Int? {
        let length = utf8.count
        var index = 0
        for column in columns {
            if column.utf8.count == length, column == self { return index }
            index += 1
        }
        return nil
    }

    /// The same bytes.
    public func isName(_ column: String) -> Bool {
        column.utf8.count == utf8.count && column == self
    }

    /// The name in quotes.
    public var columnDescription: String { "\"\(self)\"" }
}

extension Int: PostgresColumnKey {
    /// This index, when the result has such a column.
    public func position(in columns: [String]) -> Int? {
        self >= 0 && self < columns.count ? self : nil
    }

    /// The index.
    public var columnDescription: String { String(self) }
}

/// One row of a result. Read values with typed getters, by column name or index:
///
/// ```swift
/// let id = try row.string("id")
/// let cents = try row.int("net_cents")
/// let nameDE = try row.optionalString("name_de")
/// ```
///
/// A getter throws ``PostgresError`` (`.columnNotFound`, `.typeMismatch`, `.unexpectedNull`) instead
/// of guessing. `string` reads any column except those with their own getter (bool, integers,
/// floats, bytea), so text, varchar, char, uuid, json, numeric, dates and enums all read as text.
public struct PostgresRow: Sendable {
    let storage: PostgresResultStorage
    let index: Int

    /// The column names, in result order.
    public var columns: [String] { storage.columnNames }

    /// Whether the value is NULL.
    public func isNull(_ column: some PostgresColumnKey) throws -> Bool {
        try storage.value(row: index, column: columnIndex(column)) == nil
    }

    /// A text value (not for bool, integer, float or bytea columns).
    public func string(_ column: some PostgresColumnKey) throws -> String {
        try required(optionalString(column), column)
    }

    /// A text value or nil for NULL.
    public func optionalString(_ column: some PostgresColumnKey) throws -> String? {
        try decode(column, as: "text", accepting: { !Self.isTyped($0) }) { String(cString: $0) }
    }

    /// An integer value from an `int2`, `int4`, `int8` or `oid` column.
    public func int(_ column: some PostgresColumnKey) throws -> Int {
        try required(optionalInt(column), column)
    }

    /// An integer value or nil for NULL.
    public func optionalInt(_ column: some PostgresColumnKey) throws -> Int? {
        try decode(column, as: "integer", accepting: Self.isInteger) { Self.parseInteger($0) }
    }

    /// A boolean value from a `bool` column.
    public func bool(_ column: some PostgresColumnKey) throws -> Bool {
        try required(optionalBool(column), column)
    }

    /// A boolean value or nil for NULL.
    public func optionalBool(_ column: some PostgresColumnKey) throws -> Bool? {
        try decode(column, as: "bool", accepting: { $0 == PostgresTypeOID.bool }) { Self.parseBool($0) }
    }

    /// A floating-point value from a `float4` or `float8` column (never use it for money).
    public func double(_ column: some PostgresColumnKey) throws -> Double {
        try required(optionalDouble(column), column)
    }

    /// A floating-point value or nil for NULL.
    public func optionalDouble(_ column: some PostgresColumnKey) throws -> Double? {
        try decode(column, as: "float", accepting: { $0 == PostgresTypeOID.float4 || $0 == PostgresTypeOID.float8 }) {
            Self.parseDouble($0)
        }
    }

    /// The bytes of a `bytea` column.
    public func bytes(_ column: some PostgresColumnKey) throws -> [UInt8] {
        try required(optionalBytes(column), column)
    }

    /// The bytes of a `bytea` column or nil for NULL.
    public func optionalBytes(_ column: some PostgresColumnKey) throws -> [UInt8]? {
        let position = try columnIndex(column)
        let length = storage.length(row: index, column: position)
        return try decode(column, as: "bytea", accepting: { $0 == PostgresTypeOID.bytea }) { pointer in
            Self.decodeHex(pointer, length: length)
        }
    }

    // MARK: - Decoding

    /// Whether `oid` is `int2`, `int4`, `int8` or `oid` (read with ``int(_:)``).
    static func isInteger(_ oid: UInt32) -> Bool {
        switch oid {
        case PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8, PostgresTypeOID.oid: true
        default: false
        }
    }

    /// Whether `oid` has a getter of its own (integers, bool, floats, bytea), so ``string(_:)`` refuses it.
    static func isTyped(_ oid: UInt32) -> Bool {
        switch oid {
        case PostgresTypeOID.bool, PostgresTypeOID.float4, PostgresTypeOID.float8, PostgresTypeOID.bytea: true
        default: isInteger(oid)
        }
    }

    /// A boolean in PostgreSQL's text format (`t` or `f`).
    static func parseBool(_ pointer: UnsafePointer<CChar>) -> Bool? {
        switch pointer.pointee {
        case CChar(UInt8(ascii: "t")): true
        case CChar(UInt8(ascii: "f")): false
        default: nil
        }
    }

    /// A float in PostgreSQL's text format (`1796669112.032971`, `-1.5e-07`, `Infinity`, `-Infinity`, `NaN`), parsed
    /// where libpq keeps it (`strtod`) instead of through a `String` made for it (two allocations per epoch column of
    /// a list page). This process sets no locale, so `strtod` reads the C locale's `.` as `Double(String)` does; text
    /// it does not take whole (another locale's decimal point) goes to `Double(String)` as before.
    static func parseDouble(_ pointer: UnsafePointer<CChar>) -> Double? {
        guard pointer.pointee != 0, isspace(Int32(UInt8(bitPattern: pointer.pointee))) == 0 else { return nil }
        var end: UnsafeMutablePointer<CChar>?
        let value = strtod(pointer, &end)
        guard let end, end.pointee == 0 else { return Double(String(cString: pointer)) }
        return value
    }

    /// An integer in PostgreSQL's text format (optional `-`, decimal digits), without an intermediate `String`.
    static func parseInteger(_ pointer: UnsafePointer<CChar>) -> Int? {
        var offset = 0
        let negative = pointer[0] == CChar(UInt8(ascii: "-"))
        if negative { offset = 1 }
        var value = 0
        var digits = 0
        while true {
            let byte = UInt8(bitPattern: pointer[offset])
            if byte == 0 { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
            digits += 1
            offset += 1
        }
        return digits > 0 ? value : nil
    }

    /// The key's position. A record is mostly read in its columns' order, so the column after the last one found
    /// is tried first: one comparison instead of a walk over the names before it (a list page of 20 purchases read
    /// 500 columns by name, ~225 instructions each). A guess stands only where the result has no name twice, as the
    /// first column of a name is the one a name finds.
    func columnIndex(_ column: some PostgresColumnKey) throws -> Int {
        let names = storage.columnNames
        let guess = storage.nextColumn.load(ordering: .relaxed)
        if guess < names.count, column.isName(names[guess]), storage.namesAreUnique {
            storage.nextColumn.store(guess + 1, ordering: .relaxed)
            return guess
        }
        if let position = column.position(in: names) {
            storage.nextColumn.store(position + 1, ordering: .relaxed)
            return position
        }
        throw PostgresError(
            code: .columnNotFound,
            message: "no column \(Self.describe(column)) in result with columns \(names)")
    }

    func decode<Value>(
        _ column: some PostgresColumnKey, as typeName: String, accepting: (UInt32) -> Bool,
        parse: (UnsafePointer<CChar>) -> Value?
    ) throws -> Value? {
        let position = try columnIndex(column)
        let oid = storage.columnTypes[position]
        guard accepting(oid) else {
            throw PostgresError(
                code: .typeMismatch,
                message: "column \(Self.describe(column)) has type \(Self.typeName(oid)), not \(typeName)")
        }
        guard let pointer = storage.value(row: index, column: position) else { return nil }
        guard let value = parse(pointer) else {
            throw PostgresError(
                code: .typeMismatch,
                message: "column \(Self.describe(column)) holds a value that is not a valid \(typeName)")
        }
        return value
    }

    func required<Value>(_ value: Value?, _ column: some PostgresColumnKey) throws -> Value {
        guard let value else {
            throw PostgresError(code: .unexpectedNull, message: "column \(Self.describe(column)) is NULL")
        }
        return value
    }

    private static func describe(_ column: some PostgresColumnKey) -> String {
        column.columnDescription
    }

    private static func typeName(_ oid: UInt32) -> String {
        let names: [UInt32: String] = [
            PostgresTypeOID.bool: "bool", PostgresTypeOID.bytea: "bytea", PostgresTypeOID.int2: "int2",
            PostgresTypeOID.int4: "int4", PostgresTypeOID.int8: "int8", PostgresTypeOID.text: "text",
            PostgresTypeOID.float4: "float4", PostgresTypeOID.float8: "float8", PostgresTypeOID.oid: "oid",
            PostgresTypeOID.varchar: "varchar", PostgresTypeOID.bpchar: "char", PostgresTypeOID.name: "name",
        ]
        return names[oid] ?? "oid \(oid)"
    }

    /// Decodes bytea's hex text format (`\x` followed by two hex digits per byte).
    static func decodeHex(_ pointer: UnsafePointer<CChar>, length: Int) -> [UInt8]? {
        guard length >= 2, pointer[0] == CChar(UInt8(ascii: "\\")), pointer[1] == CChar(UInt8(ascii: "x")),
            length % 2 == 0
        else { return nil }
        func nibble(_ char: CChar) -> UInt8? {
            let byte = UInt8(bitPattern: char)
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity((length - 2) / 2)
        var offset = 2
        while offset < length {
            guard let high = nibble(pointer[offset]), let low = nibble(pointer[offset + 1]) else { return nil }
            bytes.append(high << 4 | low)
            offset += 2
        }
        return bytes
    }
}

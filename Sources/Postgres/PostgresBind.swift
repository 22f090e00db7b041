/// One bind parameter, ready to send: its text-format value (nil for NULL) and its type OID
/// (0 lets the server infer the type from the statement, as for an untyped literal).
public struct PostgresBind: Sendable, Hashable {
    /// The value in PostgreSQL's text format, or nil for SQL NULL.
    public var text: String?
    /// The PostgreSQL type OID sent with the value; 0 means "infer".
    public var typeOID: UInt32

    /// Creates a bind from its text form and type OID.
    public init(text: String?, typeOID: UInt32) {
        self.text = text
        self.typeOID = typeOID
    }

    /// SQL NULL of an unspecified type.
    public static let null = PostgresBind(text: nil, typeOID: 0)
}

/// A Swift value that can be sent as a bind parameter: String, Int, Int64, Int32, Bool, Double,
/// `[UInt8]` (bytea), and an Optional of any of them (nil is NULL).
///
/// Strings are sent untyped, so the server reads them as whatever the statement needs (text,
/// uuid, timestamptz, ...). `Int` and `Int64` are sent as `int8`, which compares with and is stored
/// into `int4` columns fine; a function that takes only `int4` needs `Int32` or a cast (`\(n)::int`).
public protocol PostgresBindable {
    /// The value as a bind parameter.
    var postgresBind: PostgresBind { get }
}

/// Well-known type OIDs used by the binds and the typed row getters.
enum PostgresTypeOID {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let name: UInt32 = 19
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let oid: UInt32 = 26
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let unknown: UInt32 = 705
    static let bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043
}

extension String: PostgresBindable {
    /// Sent with type "unknown" so the server infers the column's type (text, uuid, timestamptz, ...).
    public var postgresBind: PostgresBind { PostgresBind(text: self, typeOID: 0) }
}

extension Substring: PostgresBindable {
    /// Sent like a String.
    public var postgresBind: PostgresBind { String(self).postgresBind }
}

extension Int: PostgresBindable {
    /// Sent as `int8`.
    public var postgresBind: PostgresBind { PostgresBind(text: String(self), typeOID: PostgresTypeOID.int8) }
}

extension Int64: PostgresBindable {
    /// Sent as `int8`.
    public var postgresBind: PostgresBind { PostgresBind(text: String(self), typeOID: PostgresTypeOID.int8) }
}

extension Int32: PostgresBindable {
    /// Sent as `int4`.
    public var postgresBind: PostgresBind { PostgresBind(text: String(self), typeOID: PostgresTypeOID.int4) }
}

extension Bool: PostgresBindable {
    /// Sent as `bool` (`t` / `f`).
    public var postgresBind: PostgresBind { PostgresBind(text: self ? "t" : "f", typeOID: PostgresTypeOID.bool) }
}

extension Double: PostgresBindable {
    /// Sent as `float8`, with the shortest text that round-trips (and `Infinity`, `-Infinity`, `NaN`).
    public var postgresBind: PostgresBind {
        let text: String
        if isNaN {
            text = "NaN"
        } else if isInfinite {
            text = self < 0 ? "-Infinity" : "Infinity"
        } else {
            text = description
        }
        return PostgresBind(text: text, typeOID: PostgresTypeOID.float8)
    }
}

extension Array: PostgresBindable where Element == UInt8 {
    /// Sent as `bytea` in hex format (`\x0aff...`).
    public var postgresBind: PostgresBind {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var hex = [UInt8](repeating: 0, count: 2 + count * 2)
        hex[0] = UInt8(ascii: "\\")
        hex[1] = UInt8(ascii: "x")
        for (index, byte) in enumerated() {
            hex[2 + index * 2] = digits[Int(byte >> 4)]
            hex[3 + index * 2] = digits[Int(byte & 0x0f)]
        }
        return PostgresBind(text: String(decoding: hex, as: UTF8.self), typeOID: PostgresTypeOID.bytea)
    }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    /// The wrapped value, or NULL (its type inferred by the server) when nil.
    public var postgresBind: PostgresBind {
        switch self {
        case .some(let value): return value.postgresBind
        case .none: return PostgresBind(text: nil, typeOID: 0)
        }
    }
}

extension PostgresBind: PostgresBindable {
    /// The bind itself.
    public var postgresBind: PostgresBind { self }
}

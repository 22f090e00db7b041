/// A JSON value (RFC 8259).
///
/// Integers and floating-point numbers are distinct cases: the parser produces ``int(_:)`` for a number
/// without fraction or exponent that fits in `Int64`, and ``double(_:)`` otherwise. Objects keep their
/// insertion order (see ``JSONObject``). Equality compares objects without regard to order, and `int(1)`
/// is not equal to `double(1)`.
///
/// Build values with literals: `let body: JSON = ["id": .string(id), "credits": 5, "tags": ["a"]]`.
/// Render with ``serialized()``; parse with ``parse(_:maximumDepth:)``.
public enum JSON: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer number.
    case int(Int64)
    /// A floating-point number. Non-finite values serialize as `null` (JSON has no NaN or infinity).
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSON])
    /// An object with ordered, unique keys.
    case object(JSONObject)

    /// The default nesting limit of the parser.
    public static let defaultMaximumDepth = 64

    /// Wraps an `Int`.
    public init(_ value: Int) { self = .int(Int64(value)) }
    /// Wraps a `Double`.
    public init(_ value: Double) { self = .double(value) }
    /// Wraps a `String`.
    public init(_ value: String) { self = .string(value) }
    /// Wraps a `Bool`.
    public init(_ value: Bool) { self = .bool(value) }
    /// Wraps an optional `String`: `nil` becomes ``null``.
    public init(_ value: String?) { self = value.map(JSON.string) ?? .null }
    /// Wraps an optional `Int`: `nil` becomes ``null``.
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }

    /// The member `key` of an object, or `nil` (also when this is not an object).
    public subscript(key: String) -> JSON? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index` of an array, or `nil` (also when out of bounds or not an array).
    public subscript(index: Int) -> JSON? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// Whether this is ``null``.
    public var isNull: Bool { self == .null }

    /// The value of a ``bool(_:)``.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The value of an ``int(_:)``, or of a ``double(_:)`` that is an integer within `Int64`.
    public var int64Value: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value):
            guard value.rounded(.towardZero) == value, value >= -0x1p63, value < 0x1p63 else { return nil }
            return Int64(value)
        default: return nil
        }
    }

    /// Like ``int64Value`` but as `Int`.
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// The value of a ``double(_:)`` or ``int(_:)`` as `Double`.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The value of a ``string(_:)``.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements of an ``array(_:)``.
    public var arrayValue: [JSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members of an ``object(_:)``.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }
}

extension JSON: ExpressibleByNilLiteral {
    /// `nil` is ``null``.
    public init(nilLiteral: ()) { self = .null }
}

extension JSON: ExpressibleByBooleanLiteral {
    /// `true`/`false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSON: ExpressibleByIntegerLiteral {
    /// An integer literal is ``int(_:)``.
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension JSON: ExpressibleByFloatLiteral {
    /// A floating-point literal is ``double(_:)``.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSON: ExpressibleByStringLiteral {
    /// A string literal (interpolation allowed) is ``string(_:)``.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSON: ExpressibleByStringInterpolation {}

extension JSON: ExpressibleByArrayLiteral {
    /// An array literal is ``array(_:)``.
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
}

extension JSON: ExpressibleByDictionaryLiteral {
    /// A dictionary literal is ``object(_:)`` in the order written; a repeated key is a programming error
    /// (checked in debug builds).
    public init(dictionaryLiteral elements: (String, JSON)...) {
        var members: [(key: String, value: JSON)] = []
        members.reserveCapacity(elements.count)
        for (key, value) in elements { members.append((key: key, value: value)) }
        assert(Set(members.map(\.key)).count == members.count, "duplicate key in JSON object literal")
        self = .object(JSONObject(uniqueMembers: members))
    }
}

extension JSON: CustomStringConvertible {
    /// The compact serialized form.
    public var description: String { String(decoding: serialized(), as: UTF8.self) }
}

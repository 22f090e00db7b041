extension PostgresRow {
    // The getters again for the common key, a column name. A caller in another module reaches the generic getters
    // unspecialised (value witnesses and metadata for every read: issue #16's profile counted ~1,500 instructions
    // per column); these non-generic overloads are chosen instead and compiled for `String` keys once, here.

    /// Whether the value of the column named `column` is NULL.
    public func isNull(_ column: String) throws -> Bool {
        try storage.value(row: index, column: columnIndex(column)) == nil
    }

    /// A text value (not for bool, integer, float or bytea columns).
    public func string(_ column: String) throws -> String {
        try required(optionalString(column), column)
    }

    /// A text value or nil for NULL.
    public func optionalString(_ column: String) throws -> String? {
        try decode(column, as: "text", accepting: { !Self.isTyped($0) }) { String(cString: $0) }
    }

    /// An integer value from an `int2`, `int4`, `int8` or `oid` column.
    public func int(_ column: String) throws -> Int {
        try required(optionalInt(column), column)
    }

    /// An integer value or nil for NULL.
    public func optionalInt(_ column: String) throws -> Int? {
        try decode(column, as: "integer", accepting: Self.isInteger) { Self.parseInteger($0) }
    }

    /// A boolean value from a `bool` column.
    public func bool(_ column: String) throws -> Bool {
        try required(optionalBool(column), column)
    }

    /// A boolean value or nil for NULL.
    public func optionalBool(_ column: String) throws -> Bool? {
        try decode(column, as: "bool", accepting: { $0 == PostgresTypeOID.bool }) { Self.parseBool($0) }
    }

    /// A floating-point value from a `float4` or `float8` column (never use it for money).
    public func double(_ column: String) throws -> Double {
        try required(optionalDouble(column), column)
    }

    /// A floating-point value or nil for NULL.
    public func optionalDouble(_ column: String) throws -> Double? {
        try decode(column, as: "float", accepting: { $0 == PostgresTypeOID.float4 || $0 == PostgresTypeOID.float8 }) {
            Self.parseDouble($0)
        }
    }
}

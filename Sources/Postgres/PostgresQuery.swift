/// A SQL statement and its bind parameters.
///
/// Write it with string interpolation; every interpolated value becomes a `$n` placeholder and a
/// bind parameter, never SQL text:
///
/// ```swift
/// let rows = try connection.query("SELECT id, net_cents FROM billing_products WHERE id = \(productID)")
/// ```
///
/// Use ``init(_:_:)`` for SQL built elsewhere with explicit `$1, $2, ...` placeholders, and
/// `\(unescaped: ...)` / `\(identifier: ...)` for the rare trusted SQL fragment or identifier.
public struct PostgresQuery: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The SQL text with `$1, $2, ...` placeholders.
    public var sql: String
    /// The bind parameters, in placeholder order.
    public var binds: [PostgresBind]

    /// Creates a query from SQL with explicit `$n` placeholders and its values (nil is NULL).
    ///
    /// ```swift
    /// PostgresQuery("INSERT INTO t (a, b) VALUES ($1, $2)", ["text", nil])
    /// ```
    public init(_ sql: String, _ binds: [(any PostgresBindable)?] = []) {
        self.sql = sql
        self.binds = binds.map { $0?.postgresBind ?? .null }
    }

    /// Creates a query from SQL without parameters.
    public init(stringLiteral value: String) {
        self.sql = value
        self.binds = []
    }

    /// Creates a query from an interpolated string; see ``StringInterpolation``.
    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.binds = stringInterpolation.binds
    }

    /// Builds SQL and binds: literals are SQL text, interpolated values become `$n`.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var sql: String
        var binds: [PostgresBind]

        /// Creates an empty interpolation buffer.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds = []
            binds.reserveCapacity(interpolationCount)
        }

        /// Appends SQL text.
        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Appends a value as the next bind parameter (`$n`).
        public mutating func appendInterpolation<Value: PostgresBindable>(_ value: Value) {
            binds.append(value.postgresBind)
            sql += "$\(binds.count)"
        }

        /// Appends an optional value as the next bind parameter; nil becomes NULL.
        public mutating func appendInterpolation<Value: PostgresBindable>(_ value: Value?) {
            binds.append(value?.postgresBind ?? .null)
            sql += "$\(binds.count)"
        }

        /// Appends trusted SQL text verbatim. Never pass user input here.
        public mutating func appendInterpolation(unescaped sqlText: String) {
            sql += sqlText
        }

        /// Appends a double-quoted SQL identifier (a table, column or channel name).
        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quoteIdentifier(identifier)
        }

        /// An optional filter: ` AND ` and `condition`, whose one `$` stands for `value` as the next bind
        /// parameter — or nothing at all when `value` is nil. `WHERE true\(and: "r.status = $", status)`.
        ///
        /// Not `($1 IS NULL OR r.status = $1)`: PostgreSQL cannot use an index for that in the generic plan of a
        /// prepared statement, so its plan cache keeps choosing a custom plan and plans the statement anew on
        /// every execution (0.3–0.7 ms of planning for a list that runs in 0.1 ms: the portal's invoice list).
        /// Each combination of present filters is a statement of its own, each planned once.
        public mutating func appendInterpolation<Value: PostgresBindable>(and condition: StaticString, _ value: Value?)
        {
            guard let value else { return }
            let parts = condition.description.split(separator: "$", omittingEmptySubsequences: false)
            precondition(parts.count == 2, "an optional filter has exactly one $: \(condition)")
            binds.append(value.postgresBind)
            sql += " AND \(parts[0])$\(binds.count)\(parts[1])"
        }

        /// `OFFSET $n` with `offset` as the next bind parameter when it is positive, nothing otherwise. The generic
        /// plan of an `OFFSET` parameter assumes it skips a tenth of the rows but at least one, which doubles its
        /// cost where the planner expects about one row (a company's invoices or support requests among many
        /// companies'), so the plan cache plans such a statement anew on every execution. The first page (offset
        /// 0), by far the most frequent, is a statement of its own without it, planned once.
        public mutating func appendInterpolation(offset: Int) {
            guard offset > 0 else { return }
            binds.append(offset.postgresBind)
            sql += "OFFSET $\(binds.count)"
        }
    }

    /// Quotes an identifier for SQL: wraps it in double quotes and doubles any double quote inside.
    public static func quoteIdentifier(_ identifier: String) -> String {
        "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Replaces every occurrence of a single character (no Foundation); shared with DevelopmentCluster.
    package func replacingAll(_ character: Character, with replacement: String) -> String {
        guard contains(character) else { return self }
        var result = ""
        result.reserveCapacity(count + 8)
        for element in self {
            if element == character { result += replacement } else { result.append(element) }
        }
        return result
    }
}

/// The one error type of the Postgres module.
///
/// Modelled on postgres-nio's `PSQLError`: a coarse ``code`` says what kind of failure happened,
/// ``sqlState`` and the server fields say what the server reported. ``description`` is safe to show
/// or log anywhere (no SQL text, no parameter values, no server message, which may quote values);
/// ``debugDescription`` has every detail for a developer's log.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Sendable {
            case connectionFailed, connectionLost, server, timeout
            case columnNotFound, typeMismatch, unexpectedNull, invalidParameter
            case transactionRolledBack, invalidUsage, clusterFailed
        }

        let base: Base

        /// A connection could not be established (server down, wrong socket, authentication).
        public static let connectionFailed = Code(base: .connectionFailed)
        /// An established connection broke while (or before) a statement ran.
        public static let connectionLost = Code(base: .connectionLost)
        /// The server reported an error; see ``PostgresError/sqlState`` and the server fields.
        public static let server = Code(base: .server)
        /// The server did not answer within the allowed time.
        public static let timeout = Code(base: .timeout)
        /// A row was asked for a column the result does not have.
        public static let columnNotFound = Code(base: .columnNotFound)
        /// A typed getter was used on a column of another type, or the text could not be decoded.
        public static let typeMismatch = Code(base: .typeMismatch)
        /// A non-optional getter found NULL.
        public static let unexpectedNull = Code(base: .unexpectedNull)
        /// A bind parameter cannot be sent (for example a string containing a NUL character).
        public static let invalidParameter = Code(base: .invalidParameter)
        /// `COMMIT` turned into a rollback because a statement inside the transaction had failed.
        public static let transactionRolledBack = Code(base: .transactionRolledBack)
        /// The API was used in a way it does not support (for example a nested transaction).
        public static let invalidUsage = Code(base: .invalidUsage)
        /// The embedded cluster could not be created, started or stopped.
        public static let clusterFailed = Code(base: .clusterFailed)

        /// The code's name, e.g. `server`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The five-character SQLSTATE reported by the server, when there is one (e.g. `23505`).
    public var sqlState: String?
    /// The server's primary message, or libpq's / this module's explanation. May quote values.
    public var message: String?
    /// The server's DETAIL field. May quote values.
    public var detail: String?
    /// The server's HINT field.
    public var hint: String?
    /// The name of the violated constraint, when the server names one.
    public var constraintName: String?
    /// The table involved, when the server names one.
    public var tableName: String?
    /// The column involved, when the server names one.
    public var columnName: String?
    /// The schema involved, when the server names one.
    public var schemaName: String?
    /// The SQL text of the failing statement (never its bind values). Shown only by ``debugDescription``.
    public var query: String?

    /// Creates an error; mostly used inside this module.
    public init(
        code: Code, sqlState: String? = nil, message: String? = nil, detail: String? = nil, hint: String? = nil,
        constraintName: String? = nil, tableName: String? = nil, columnName: String? = nil,
        schemaName: String? = nil, query: String? = nil
    ) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraintName = constraintName
        self.tableName = tableName
        self.columnName = columnName
        self.schemaName = schemaName
        self.query = query
    }

    /// A description safe to show or log: the code, SQLSTATE and schema object names, plus the
    /// message only when it did not come from the server (libpq's or this module's own text, which
    /// names files, sockets and columns but never values).
    public var description: String {
        var parts = ["code: \(code)"]
        if let sqlState { parts.append("sqlState: \(sqlState)") }
        if sqlState == nil, code != .server, let message { parts.append("message: \(String(reflecting: message))") }
        if let constraintName { parts.append("constraint: \(constraintName)") }
        if let tableName { parts.append("table: \(tableName)") }
        return "PostgresError(\(parts.joined(separator: ", ")))"
    }

    /// Every detail, including the server message and the SQL text (never bind values).
    public var debugDescription: String {
        var parts = ["code: \(code)"]
        let fields: [(String, String?)] = [
            ("sqlState", sqlState), ("message", message), ("detail", detail), ("hint", hint),
            ("schema", schemaName), ("table", tableName), ("column", columnName),
            ("constraint", constraintName), ("query", query),
        ]
        for (name, value) in fields {
            if let value { parts.append("\(name): \(String(reflecting: value))") }
        }
        return "PostgresError(\(parts.joined(separator: ", ")))"
    }
}

extension PostgresError {
    /// `23505`: a unique or primary-key constraint was violated.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// `23503`: a foreign-key constraint was violated.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// `23514`: a CHECK constraint was violated.
    public var isCheckViolation: Bool { sqlState == "23514" }
    /// `23502`: NULL in a NOT NULL column.
    public var isNotNullViolation: Bool { sqlState == "23502" }
    /// `40001`: serialization failure; the whole transaction may be retried.
    public var isSerializationFailure: Bool { sqlState == "40001" }
    /// `40P01`: deadlock detected; the whole transaction may be retried.
    public var isDeadlockDetected: Bool { sqlState == "40P01" }
    /// `42601`: SQL syntax error.
    public var isSyntaxError: Bool { sqlState == "42601" }
    /// `42P01`: the table does not exist.
    public var isUndefinedTable: Bool { sqlState == "42P01" }
    /// `57014`: the statement was cancelled (e.g. `statement_timeout`).
    public var isQueryCanceled: Bool { sqlState == "57014" }
    /// `55P03`: a lock could not be obtained (`NOWAIT`, `lock_timeout`).
    public var isLockNotAvailable: Bool { sqlState == "55P03" }

    /// True when the connection could not be made or broke: reconnecting may help, and a statement
    /// that got this error may or may not have committed (unless it was outside a transaction and read-only).
    public var isConnectionFailure: Bool {
        if code == .connectionFailed || code == .connectionLost { return true }
        guard let sqlState else { return false }
        // Class 08: connection exception; 57P01..57P03: admin/crash shutdown, cannot connect now.
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}

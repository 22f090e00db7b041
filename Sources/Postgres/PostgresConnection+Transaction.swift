internal import CLibPQ

extension PostgresConnection {
    /// A transaction isolation level for ``PostgresConnection/transaction(isolation:_:)``.
    public enum IsolationLevel: String, Sendable {
        /// PostgreSQL's default.
        case readCommitted = "READ COMMITTED"
        /// One snapshot for the whole transaction.
        case repeatableRead = "REPEATABLE READ"
        /// As if transactions ran one after another; be ready for ``PostgresError/isSerializationFailure``.
        case serializable = "SERIALIZABLE"
    }

    /// Runs `body` in a transaction: `BEGIN`, then `COMMIT` when it returns, `ROLLBACK` when it throws
    /// (the error is rethrown).
    ///
    /// Throws `.transactionRolledBack` when `COMMIT` turned into a rollback because a statement inside
    /// failed and the error was swallowed. If the connection is lost, the statement in flight and the
    /// rest of the transaction throw a connection failure; if that happens during `COMMIT`, whether
    /// the transaction committed is unknown. Transactions do not nest (`.invalidUsage`).
    public func transaction<Value>(
        isolation: IsolationLevel? = nil, _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        guard !inTransaction else {
            throw PostgresError(code: .invalidUsage, message: "transactions do not nest")
        }
        let begin = isolation.map { "BEGIN ISOLATION LEVEL \($0.rawValue)" } ?? "BEGIN"
        _ = try run(PostgresQuery(stringLiteral: begin), retryOnConnectionLoss: false)
        inTransaction = true
        defer { inTransaction = false }
        let value: Value
        do {
            value = try body(self)
        } catch {
            rollbackQuietly()
            throw error
        }
        let commit = try run("COMMIT", retryOnConnectionLoss: false)
        if commit.commandTag == "ROLLBACK" {
            throw PostgresError(
                code: .transactionRolledBack,
                message: "COMMIT rolled back because a statement in the transaction had failed")
        }
        return value
    }

    private func rollbackQuietly() {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return }
        if let result = PQexec(handle, "ROLLBACK") { PQclear(result) }
        if PQstatus(handle) != CONNECTION_OK { dropConnection() }
    }
}

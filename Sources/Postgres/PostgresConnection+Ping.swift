internal import CLibPQ

extension PostgresConnection {
    /// Whether a server answers at `connectionString` — accepting connections, or up but refusing this one —
    /// without opening a session (libpq's `PQping`).
    public static func serverAnswers(at connectionString: String) -> Bool {
        let status = PQping(connectionString)
        return status == PQPING_OK || status == PQPING_REJECT
    }

    /// Checks that the server answers `SELECT 1` within `timeout` seconds, reconnecting first if the
    /// connection is gone (bounded by ``connectTimeout``). For `/readyz`.
    ///
    /// On timeout the connection is closed (its state is unknown) and `.timeout` is thrown; the next
    /// statement connects again. A connection found broken is replaced once (a ping is only a read).
    public func ping(timeout: Double = 2) throws {
        do {
            try pingOnce(timeout: timeout)
        } catch let error as PostgresError where error.code == .connectionLost && !inTransaction {
            try pingOnce(timeout: timeout)
        }
    }

    private func pingOnce(timeout: Double) throws {
        let connection = try readyHandle()
        guard PQsendQuery(connection, "SELECT 1") == 1 else {
            let message = Self.errorMessage(of: connection)
            dropConnection()
            throw PostgresError(code: .connectionLost, message: message)
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        while PQisBusy(connection) == 1 {
            let remaining = ContinuousClock.now.duration(to: deadline)
            let milliseconds =
                remaining.components.seconds * 1000
                + remaining.components.attoseconds / 1_000_000_000_000_000
            guard milliseconds > 0,
                try SocketPoll.waitForInput(PQsocket(connection), milliseconds: Int32(clamping: milliseconds))
            else {
                dropConnection()
                throw PostgresError(code: .timeout, message: "the server did not answer within \(timeout) s")
            }
            if PQconsumeInput(connection) == 0 {
                let message = Self.errorMessage(of: connection)
                dropConnection()
                throw PostgresError(code: .connectionLost, message: message)
            }
        }
        var failure: PostgresError?
        while let result = PQgetResult(connection) {
            if PQresultStatus(result) != PGRES_TUPLES_OK {
                failure = failure ?? PostgresError(result: result, query: "SELECT 1")
            }
            PQclear(result)
        }
        if PQstatus(connection) != CONNECTION_OK {
            dropConnection()
            throw PostgresError(code: .connectionLost, message: failure?.message)
        }
        if let failure { throw failure }
    }

    /// Whether ``ping(timeout:)`` succeeds.
    public func isReady(timeout: Double = 2) -> Bool {
        (try? ping(timeout: timeout)) != nil
    }
}

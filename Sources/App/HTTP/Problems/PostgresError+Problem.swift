import Logging
public import Postgres
public import Web

/// Database failures → problems: an unreachable database or a statement that ran out of time is a 503 the
/// client may retry; anything else is an internal error.
extension PostgresError: ProblemConvertible {
    /// 503 (retry in 5 s) for a connection failure or a canceled statement, 500 otherwise.
    public var problem: Problem {
        if isConnectionFailure {
            return .serviceUnavailable(retryAfter: 5, detail: "The database is not available. Please retry shortly.")
        }
        if isQueryCanceled {
            return .serviceUnavailable(retryAfter: 5, detail: "The request took too long. Please retry shortly.")
        }
        return .internal()
    }
}

extension PostgresError: LoggedFailure {
    /// An outage or a timeout at most once per 10 s per worker (``RepeatedLogLine``), anything else each time.
    func log(to logger: Logger) {
        if isConnectionFailure {
            RepeatedLogLine.databaseUnavailable.error(logger, "database unavailable", metadata: ["error": "\(self)"])
        } else if isQueryCanceled {
            RepeatedLogLine.databaseTimeout.error(
                logger, "database statement timed out", metadata: ["error": "\(debugDescription)"])
        } else {
            logger.error("request failed", metadata: ["error": "\(String(reflecting: self))"])
        }
    }
}

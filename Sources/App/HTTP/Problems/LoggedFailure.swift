import Logging

/// A server-side failure that logs itself with the words operators search for, instead of the generic
/// "request failed" line ``ErrorResponses`` writes for other errors answered with a 5xx.
protocol LoggedFailure: Error {
    /// Logs the failure (its cause, never a secret) to `logger`.
    func log(to logger: Logger)
}

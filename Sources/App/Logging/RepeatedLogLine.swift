import Foundation
import Logging
import Synchronization

/// Writes a log line that can repeat at request rate (the database is down: every request fails the same way)
/// at most once per interval per process, and says how many were left out since the last one written.
///
/// During a database outage every request used to write an error line (74,912 in 10 s); now each worker writes
/// one per interval with `log.repeated` = the number of the same lines it did not write.
///
/// ```swift
/// RepeatedLogLine.databaseUnavailable.error(logger, "database unavailable", metadata: ["error": "…"])
/// ```
final class RepeatedLogLine: Sendable {
    /// The interval in seconds within which the line is written once.
    let interval: Double
    private let state = Mutex<(lastWritten: Double?, suppressed: Int)>((nil, 0))

    /// A line written at most once per `interval` seconds.
    init(interval: Double = 10) {
        self.interval = interval
    }

    /// "database unavailable" of ``ErrorResponses``.
    static let databaseUnavailable = RepeatedLogLine()
    /// "database statement timed out" of ``ErrorResponses``.
    static let databaseTimeout = RepeatedLogLine()

    /// Whether to write the line at `now` (seconds, any monotonic-enough clock), and how many occurrences were
    /// not written since the last one that was.
    func admit(now: Double) -> (write: Bool, suppressed: Int) {
        state.withLock { state in
            if let last = state.lastWritten, now - last < interval, now >= last {
                state.suppressed += 1
                return (false, 0)
            }
            let suppressed = state.suppressed
            state = (now, 0)
            return (true, suppressed)
        }
    }

    /// Logs `message` at error level unless it was written less than ``interval`` seconds ago.
    func error(_ logger: Logger, _ message: Logger.Message, metadata: Logger.Metadata = [:], now: Date = Date()) {
        let decision = admit(now: now.timeIntervalSince1970)
        guard decision.write else { return }
        var metadata = metadata
        if decision.suppressed > 0 { metadata["log.repeated"] = "\(decision.suppressed)" }
        logger.error(message, metadata: metadata)
    }
}

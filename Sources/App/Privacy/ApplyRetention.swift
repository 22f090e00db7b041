import Domain
import Foundation
import Jobs
import Logging
import Postgres
import Storage

/// The retention job (jobs kind `maintenance.prune`, hourly): for every rule of ``RetentionSchedule`` whose end
/// comes by time, removes what reached it at `now`. The clock is injected, so a test can travel in time.
struct ApplyRetention {
    let connection: PostgresConnection
    let logger: Logger

    /// Applies every rule at `now` (in the caller's transaction); returns the rows removed per data class.
    @discardableResult
    func run(now: Date) throws -> [DataClass: Int] {
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        let store = RetentionStore(connection: connection)
        var removed: [DataClass: Int] = [:]
        for rule in RetentionSchedule.rules {
            guard let cutoff = rule.period.cutoff(now: seconds) else { continue }
            switch rule.dataClass {
            case .finishedJobs:
                removed[rule.dataClass] = try JobQueue().pruneDone(finishedAtOrBefore: cutoff, on: connection)
            default:
                removed[rule.dataClass] = try store.prune(rule.dataClass, cutoff: cutoff, now: seconds)
            }
        }
        var metadata: Logger.Metadata = [:]
        for (dataClass, count) in removed where count > 0 { metadata["retention.\(dataClass.rawValue)"] = "\(count)" }
        logger.info("retention applied", metadata: metadata)
        return removed
    }
}

import Domain
import Postgres
import Storage

/// Stores a batch of usage events for one company, all or nothing: validated under the company's shared usage
/// lock (so the check against closed periods and the insert see the same closure), duplicates counted, not stored.
enum IngestUsage {
    /// How a batch ended.
    enum Outcome: Equatable {
        /// Stored: `accepted` new events, `duplicates` already known (or repeated within the batch).
        case stored(accepted: Int, duplicates: Int)
        /// Nothing stored: every rejected event with its index.
        case rejected([UsageEventRejection])
    }

    /// Ingests `drafts` for `companyID` at `nowMilliseconds` against the `metrics` that exist.
    static func run(
        _ drafts: [UsageEventDraft], companyID: String, metrics: Set<String>, nowMilliseconds: Int,
        connection: PostgresConnection
    ) throws -> Outcome {
        try connection.transaction { connection in
            let store = UsageStore(connection: connection)
            try store.lockForIngest(companyID: companyID)
            let openFrom = try store.openFrom(companyID: companyID)
            switch UsageBatch.validate(drafts, metrics: metrics, nowMilliseconds: nowMilliseconds, openFrom: openFrom) {
            case .invalid(let rejections):
                return .rejected(rejections)
            case .valid(let events):
                let accepted = try store.insert(companyID: companyID, events: events)
                return .stored(accepted: accepted, duplicates: events.count - accepted)
            }
        }
    }
}

import Postgres

/// A `jobs` row as the queue reads it, with the database's clock (`clock_timestamp()`) at the read: the
/// `now` the lifecycle decides with, and the `updated_at` the change is stored with.
struct JobRow {
    var id: Int64
    var kind: String
    var payload: String
    var dedupeKey: String?
    var snapshot: JobSnapshot
    var createdAt: JobInstant
    var updatedAt: JobInstant
    var now: JobInstant

    /// The select list every read uses (timestamps as microseconds since the epoch).
    static let columns = """
        id, kind, payload::text AS payload, dedupe_key, state, attempts, max_attempts, locked_by, last_error,
        \(micros("run_at")) AS run_at_us, \(micros("locked_until")) AS locked_until_us,
        \(micros("finished_at")) AS finished_at_us, \(micros("created_at")) AS created_at_us,
        \(micros("updated_at")) AS updated_at_us, \(micros("clock_timestamp()")) AS now_us
        """
    /// `epoch + $n::int8 * micro` turns microseconds back into a timestamptz (NULL stays NULL), exactly.
    static let epoch = "'epoch'::timestamptz"
    static let micro = "* interval '1 microsecond'"

    /// SQL for a timestamptz expression as whole microseconds since the epoch.
    static func micros(_ expression: String) -> String {
        "(extract(epoch FROM \(expression)) * 1000000)::int8"
    }

    init(_ row: PostgresRow) throws {
        id = Int64(try row.int("id"))
        kind = try row.string("kind")
        payload = try row.string("payload")
        dedupeKey = try row.optionalString("dedupe_key")
        let stateText = try row.string("state")
        guard let state = JobState(rawValue: stateText) else {
            throw PostgresError(code: .typeMismatch, message: "jobs.state holds an unknown state \(stateText)")
        }
        snapshot = JobSnapshot(
            state: state, attempts: try row.int("attempts"), maxAttempts: try row.int("max_attempts"),
            runAt: JobInstant(microsecondsSinceEpoch: Int64(try row.int("run_at_us"))),
            lockedBy: try row.optionalString("locked_by"),
            lockedUntil: try row.optionalInt("locked_until_us").map { JobInstant(microsecondsSinceEpoch: Int64($0)) },
            lastError: try row.optionalString("last_error"),
            finishedAt: try row.optionalInt("finished_at_us").map { JobInstant(microsecondsSinceEpoch: Int64($0)) })
        createdAt = JobInstant(microsecondsSinceEpoch: Int64(try row.int("created_at_us")))
        updatedAt = JobInstant(microsecondsSinceEpoch: Int64(try row.int("updated_at_us")))
        now = JobInstant(microsecondsSinceEpoch: Int64(try row.int("now_us")))
    }

    var record: JobRecord {
        JobRecord(
            id: id, kind: kind, payload: payload, dedupeKey: dedupeKey, snapshot: snapshot, createdAt: createdAt,
            updatedAt: updatedAt)
    }
}

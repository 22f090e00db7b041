import Jobs
import Logging
import Postgres
import Synchronization
import TestSupport

/// A migrated test database with the queue's usual companions: a queue without jitter and quick
/// time travel (moving `run_at` / `locked_until` into the past instead of sleeping).
struct JobsFixture {
    let database: TestDatabase
    let connection: PostgresConnection
    let queue: JobQueue

    init(
        database: TestDatabase? = nil, retry: RetryPolicy = RetryPolicy(base: .seconds(10), maximum: .seconds(600))
    )
        throws
    {
        self.database = try database ?? TestDatabase.makeMigrated()
        connection = self.database.connect()
        queue = JobQueue(lifecycle: JobLifecycle(retry: retry, jitter: .none))
    }

    /// Makes every queued job due now, as if its backoff had passed.
    func makeQueuedJobsDue() throws {
        try connection.execute("UPDATE jobs SET run_at = now() - interval '1 millisecond' WHERE state = 'queued'")
    }

    /// Ends every running job's lease, as if its claimer had gone silent for the whole lease.
    func expireLeases() throws {
        try connection.execute(
            "UPDATE jobs SET locked_until = now() - interval '1 millisecond' WHERE state = 'running'")
    }

    func count(_ sql: PostgresQuery) throws -> Int {
        try connection.query(sql)[0].int(0)
    }

    func record(_ id: Int64) throws -> JobRecord {
        guard let record = try queue.job(id: id, on: connection) else {
            throw TestSupportError("job \(id) does not exist")
        }
        return record
    }
}

/// Collects log entries so tests can assert what was (and was not) logged.
final class LogRecorder: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]

        var text: String { message + " " + metadata.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
    }

    private let storage = Mutex<[Entry]>([])

    var entries: [Entry] { storage.withLock { $0 } }

    func messages(_ level: Logger.Level? = nil) -> [String] {
        entries.filter { level == nil || $0.level == level }.map(\.message)
    }

    func append(_ entry: Entry) {
        storage.withLock { $0.append(entry) }
    }

    func logger() -> Logger {
        var logger = Logger(label: "codezero.jobs.test") { _ in RecordingHandler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    struct RecordingHandler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            recorder.append(
                Entry(level: event.level, message: event.message.description, metadata: merged.mapValues { "\($0)" }))
        }
    }
}

/// A flag one thread sets and another reads.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .sequentiallyConsistent) }
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}

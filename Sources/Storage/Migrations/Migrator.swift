public import Logging
public import Postgres

/// Applies the numbered SQL files of a directory (the repository's `sql/`) to a database.
///
/// - Files are `NNNN_lowercase_name.sql`, applied in number order; each file runs in its own
///   transaction together with its row in `schema_migrations(name, checksum, applied_at)`, so a
///   failing file leaves nothing behind and is not recorded.
/// - The checksum is the SHA-256 (hex) of the file's bytes, computed by PostgreSQL. An applied file
///   whose checksum changed, or that disappeared, makes ``migrate(_:)`` and ``verify(_:)`` refuse:
///   schema changes are new files, never edits.
/// - A whole run holds a PostgreSQL advisory lock (``advisoryLockKey``), so two processes migrating
///   at once apply each file exactly once: the second waits, then finds the work done.
/// - A file must not contain its own `BEGIN`/`COMMIT`, nor statements that cannot run inside a
///   transaction (`CREATE INDEX CONCURRENTLY`, `VACUUM`).
///
/// ```swift
/// let migrator = Migrator(directory: "sql", logger: logger)
/// try migrator.migrate(connection)        // `codezero migrate`, `make run`
/// let status = try migrator.verify(connection)  // `serve` start-up: throws if a file changed
/// ```
public struct Migrator: Sendable {
    /// The advisory lock key held during a run ("codezero" in ASCII).
    public static let advisoryLockKey: Int64 = 0x636F_6465_7A65_726F

    /// The directory holding the `.sql` files.
    public let directory: String
    /// Where progress is logged (metadata keys `migration.name`, `migration.checksum`, ...).
    public let logger: Logger

    /// Creates a migrator for `directory`, logging to `logger`.
    public init(directory: String, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    /// Applies every pending file in order and returns the names applied (empty when up to date).
    ///
    /// Throws ``StorageError`` naming the file: `.badMigrationName`, `.duplicateMigrationNumber`,
    /// `.migrationChanged`, `.migrationMissing` (nothing is applied then), or `.migrationFailed`
    /// (earlier files of this run stay applied; the failing one is rolled back and not recorded).
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws -> [String] {
        let files = try MigrationFile.load(from: directory)
        return try withRunLock(connection) {
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name text PRIMARY KEY,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let status = try compare(files, connection)
            try refuseProblems(status)
            let highestApplied =
                files.filter { file in
                    status.entries.contains { $0.name == file.name && $0.state == .applied }
                }.map(\.number).max() ?? 0
            var applied: [String] = []
            for entry in status.entries where entry.state == .pending {
                guard let file = files.first(where: { $0.name == entry.name }), let checksum = entry.checksum else {
                    continue
                }
                if file.number < highestApplied {
                    logger.warning("migration out of order", metadata: ["migration.name": "\(file.name)"])
                }
                try apply(file, checksum: checksum, connection)
                applied.append(file.name)
            }
            if applied.isEmpty {
                logger.info("migrations up to date", metadata: ["migration.count": "\(files.count)"])
            }
            return applied
        }
    }

    /// Compares the files with the database's records without changing anything.
    public func status(_ connection: PostgresConnection) throws -> MigrationStatus {
        try compare(MigrationFile.load(from: directory), connection)
    }

    /// The start-up check: throws ``StorageError`` when an applied file changed or is missing (or a
    /// file name is bad); pending files are logged and returned, not fatal.
    @discardableResult
    public func verify(_ connection: PostgresConnection) throws -> MigrationStatus {
        let status = try status(connection)
        try refuseProblems(status)
        if !status.pending.isEmpty {
            logger.warning(
                "migrations pending",
                metadata: [
                    "migration.count": "\(status.pending.count)",
                    "migration.names": "\(status.pending.joined(separator: ","))",
                ])
        }
        return status
    }

    // MARK: - Steps

    private func apply(_ file: MigrationFile, checksum: String, _ connection: PostgresConnection) throws {
        let start = ContinuousClock.now
        do {
            try connection.transaction { transaction in
                try transaction.executeScript(file.sql)
                try transaction.execute(
                    "INSERT INTO schema_migrations (name, checksum) VALUES (\(file.name), \(checksum))")
            }
        } catch {
            let underlying = error as? PostgresError
            logger.error(
                "migration failed",
                metadata: [
                    "migration.name": "\(file.name)",
                    "error": "\(underlying.map { String(reflecting: $0) } ?? String(describing: error))",
                ])
            throw StorageError(
                code: .migrationFailed, migration: file.name,
                message: "migration \(file.name) failed and was rolled back", underlying: underlying)
        }
        let elapsed = (ContinuousClock.now - start).components
        let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        logger.info(
            "migration applied",
            metadata: [
                "migration.name": "\(file.name)", "migration.checksum": "\(checksum)",
                "migration.duration_ms": "\(milliseconds)",
            ])
    }

    private func compare(_ files: [MigrationFile], _ connection: PostgresConnection) throws -> MigrationStatus {
        var records: [String: (checksum: String, appliedAt: String)] = [:]
        var recordOrder: [String] = []
        let table = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
        if try table[0].bool("present") {
            for row in try connection.query("SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name") {
                let name = try row.string("name")
                records[name] = (try row.string("checksum"), try row.string("applied_at"))
                recordOrder.append(name)
            }
        }
        var entries: [MigrationStatus.Entry] = []
        for file in files {
            let checksum = try sha256Hex(file.contents, connection)
            let state: MigrationStatus.State
            if let record = records[file.name] {
                state = record.checksum == checksum ? .applied : .changed
            } else {
                state = .pending
            }
            entries.append(
                MigrationStatus.Entry(
                    name: file.name, state: state, checksum: checksum, appliedAt: records[file.name]?.appliedAt))
        }
        let fileNames = Set(files.map(\.name))
        for name in recordOrder where !fileNames.contains(name) {
            entries.append(
                MigrationStatus.Entry(name: name, state: .missing, checksum: nil, appliedAt: records[name]?.appliedAt))
        }
        return MigrationStatus(entries: entries)
    }

    private func refuseProblems(_ status: MigrationStatus) throws {
        guard let problem = status.problems.first else { return }
        if problem.state == .changed {
            throw StorageError(
                code: .migrationChanged, migration: problem.name,
                message: "applied migration \(problem.name) was changed; add a new migration file instead")
        }
        throw StorageError(
            code: .migrationMissing, migration: problem.name,
            message: "applied migration \(problem.name) is missing from \(directory)")
    }

    private func withRunLock<Value>(_ connection: PostgresConnection, _ body: () throws -> Value) throws -> Value {
        try connection.execute("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))") }
        return try body()
    }

    private func sha256Hex(_ bytes: [UInt8], _ connection: PostgresConnection) throws -> String {
        try connection.query("SELECT encode(sha256(\(bytes)), 'hex') AS checksum")[0].string("checksum")
    }
}

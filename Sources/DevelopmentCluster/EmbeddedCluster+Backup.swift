import Postgres
import SystemCalls

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Point-in-time recovery of an embedded cluster with PostgreSQL's own tools: continuous WAL archiving
/// (`archive_command` copies every finished WAL segment into ``walArchiveDirectory``), base backups with
/// `pg_basebackup`, and recovery of a base backup into a new cluster up to a moment (`restore_command` +
/// `recovery_target_time`).
///
/// ```swift
/// let cluster = EmbeddedCluster(directory: dir, settings: EmbeddedCluster.archiveSettings(directory: dir))
/// let backup = try cluster.backup()                               // <dir>/backups/base-…
/// let restored = EmbeddedCluster(directory: other)
/// try restored.restore(from: backup, walArchive: cluster.walArchiveDirectory, until: "2026-12-06 05:30:00+00")
/// ```
extension EmbeddedCluster {
    /// Where finished WAL segments are archived: `<directory>/wal-archive`.
    public var walArchiveDirectory: String { directory + "/wal-archive" }
    /// Where ``backup(named:)`` puts base backups: `<directory>/backups`.
    public var backupsDirectory: String { directory + "/backups" }

    /// The server settings that archive every WAL segment of a cluster in `directory` (made absolute like the
    /// cluster's own), and force a segment switch at least every minute so at most a minute is ever unarchived.
    public static func archiveSettings(directory: String) -> [String: String] {
        let archive = shellQuoted(FileSystem.absolute(directory) + "/wal-archive")
        return [
            "wal_level": "replica", "archive_mode": "on", "archive_timeout": "60",
            "archive_command": "mkdir -p \(archive) && test ! -f \(archive)/%f && cp %p \(archive)/%f",
        ]
    }

    /// Takes a base backup of the running cluster with `pg_basebackup` (plain format, WAL streamed along, fast
    /// checkpoint) into `<directory>/backups/<name>` and returns its path.
    @discardableResult
    public func backup(named name: String) throws -> String {
        let tools = try ClusterTools.resolve(binDirectory: binDirectory)
        let target = backupsDirectory + "/" + name
        guard !FileSystem.exists(target) else {
            throw PostgresError(code: .clusterFailed, message: "the backup \(target) exists already")
        }
        let made = try tools.runSystem(["mkdir", "-p", "-m", "0700", backupsDirectory])
        guard made.succeeded else { throw failure("creating \(backupsDirectory) failed", output: made.text) }
        let output = try tools.run(
            "pg_basebackup",
            [
                "-h", socketDirectory, "-p", String(port), "-U", Self.user, "-D", target, "-F", "p", "-X", "stream",
                "-c", "fast", "--no-password",
            ])
        guard output.succeeded else { throw failure("pg_basebackup failed", output: output.text) }
        return target
    }

    /// Creates this (not yet existing) cluster from the base backup `backup`, replays the archived WAL of
    /// `walArchive` up to `targetTime` (any PostgreSQL timestamp with time zone, e.g. `2026-12-06 05:30:00+00`)
    /// and starts it as a new, writable cluster.
    public func restore(from backup: String, walArchive: String, until targetTime: String) throws {
        guard !FileSystem.exists(dataDirectory + "/PG_VERSION") else {
            throw PostgresError(
                code: .clusterFailed, message: "\(dataDirectory) exists; restore into a new cluster directory")
        }
        guard FileSystem.exists(backup + "/PG_VERSION") else {
            throw PostgresError(code: .clusterFailed, message: "\(backup) is not a base backup (no PG_VERSION)")
        }
        try initializeDirectoriesOnly()
        let tools = try ClusterTools.resolve(binDirectory: binDirectory)
        let copied = try tools.runSystem(["cp", "-R", "-p", backup, dataDirectory])
        guard copied.succeeded else { throw failure("copying the base backup failed", output: copied.text) }
        let archive = Self.shellQuoted(FileSystem.absolute(walArchive))
        let recovery = """

            # Added by codezero db restore: point-in-time recovery.
            restore_command = 'cp \(archive.replacingAll("'", with: "''"))/%f %p'
            recovery_target_time = '\(targetTime.replacingAll("'", with: "''"))'
            recovery_target_action = 'promote'

            """
        let configured = try tools.runSystem([
            "sh", "-c", "printf '%s' \"$1\" >> \"$2/postgresql.auto.conf\" && : > \"$2/recovery.signal\"", "sh",
            recovery, dataDirectory,
        ])
        guard configured.succeeded else {
            throw failure("writing the recovery settings failed", output: configured.text)
        }
        try start()
        try waitUntilPromoted(seconds: 600)
    }

    /// `pg_ctl start -w` returns once the recovering server accepts read-only connections; the restore is done
    /// only when recovery has reached the target and the server has promoted itself to a writable primary.
    private func waitUntilPromoted(seconds: Int) throws {
        let admin = PostgresConnection(connectionString(database: "postgres"), applicationName: "codezero-restore")
        for _ in 0..<(seconds * 10) {
            if let rows = try? admin.query("SELECT pg_is_in_recovery() AS recovering"),
                let recovering = try? rows.first?.bool("recovering"), !recovering
            {
                return
            }
            guard isRunning() else { throw failure("recovery stopped before reaching the target", output: "") }
            SystemCall.sleep(.milliseconds(100))
        }
        throw failure("recovery did not finish within \(seconds) s", output: "")
    }
}

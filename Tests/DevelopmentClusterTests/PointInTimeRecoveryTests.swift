import Glibc
import Postgres
import TestSupport
import Testing

@testable import DevelopmentCluster

/// Seed 001's point-in-time-recoverable backups (issue #17): a base backup plus the archived WAL restore a new
/// cluster to a recorded moment — with everything written before it and nothing after.
@Suite struct PointInTimeRecoveryTests {
    @Test func aBackupAndTheArchivedWALRestoreExactlyTheDataBeforeTheMistake() throws {
        let cluster = try TestCluster.makeArchiving()
        defer { try? cluster.destroy() }
        let connection = PostgresConnection(cluster.connectionString)
        try connection.executeScript(
            "CREATE TABLE ledger (n int PRIMARY KEY, note text); INSERT INTO ledger VALUES (1, 'before the backup')")
        let backup = try cluster.backup(named: "base-test")
        #expect(FileSystem.exists(backup + "/PG_VERSION"))

        try connection.execute("INSERT INTO ledger VALUES (2, 'after the backup')")
        usleep(1_100_000)
        let recorded = try connection.query("SELECT now()::text AS t")[0].string("t")
        usleep(1_100_000)
        try connection.execute("DELETE FROM ledger")  // the mistake
        try connection.execute("INSERT INTO ledger VALUES (3, 'after the mistake')")
        // Finish the WAL segment holding the mistake and wait until it is archived.
        let segment = try connection.query("SELECT pg_walfile_name(pg_switch_wal()) AS f")[0].string("f")
        var archived = false
        for _ in 0..<300 where !archived {
            archived = FileSystem.exists(cluster.walArchiveDirectory + "/" + segment)
            if !archived { usleep(100_000) }
        }
        #expect(archived, "segment \(segment) was not archived")

        let restored = try TestCluster.makeEmpty()
        defer { try? restored.destroy() }
        try restored.restore(from: backup, walArchive: cluster.walArchiveDirectory, until: recorded)
        let rows = try PostgresConnection(restored.connectionString).query("SELECT n, note FROM ledger ORDER BY n")
        let notes = try rows.map { "\(try $0.int("n")) \(try $0.string("note"))" }
        #expect(notes == ["1 before the backup", "2 after the backup"])
        // The restored cluster is a new, writable one; the original still has the mistake.
        try PostgresConnection(restored.connectionString).execute("INSERT INTO ledger VALUES (4, 'new')")
        #expect(try connection.query("SELECT count(*)::int AS c FROM ledger")[0].int("c") == 1)
    }

    @Test func aRestoreNeverOverwritesAnExistingCluster() throws {
        let cluster = try TestCluster.makeArchiving()
        defer { try? cluster.destroy() }
        let backup = try cluster.backup(named: "base-overwrite")
        #expect(throws: PostgresError.self) {
            try cluster.restore(from: backup, walArchive: cluster.walArchiveDirectory, until: "2000-01-01 00:00:00+00")
        }
        #expect(throws: PostgresError.self) { try cluster.backup(named: "base-overwrite") }
    }
}

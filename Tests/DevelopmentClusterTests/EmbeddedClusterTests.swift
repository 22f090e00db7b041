import Glibc
import Postgres
import TestSupport
import Testing

@testable import DevelopmentCluster

@Suite struct EmbeddedClusterTests {
    @Test func sharedClusterAnswersOnItsSocketOnly() throws {
        let cluster = try TestCluster.shared()
        #expect(cluster.isRunning())
        let connection = PostgresConnection(cluster.connectionString)
        let rows = try connection.query(
            "SELECT current_database() AS db, current_user AS who, current_setting('listen_addresses') AS listen")
        #expect(try rows[0].string("db") == "codezero")
        #expect(try rows[0].string("who") == "codezero")
        #expect(try rows[0].string("listen") == "")
        #expect(cluster.connectionString.hasPrefix("host=\(cluster.socketDirectory) "))
        #expect(FileSystem.exists(cluster.socketPath))
        #expect(FileSystem.exists(cluster.logFile))
    }

    @Test func startAndStopAreIdempotentAndKeepTheData() throws {
        let cluster = try TestCluster.makeDedicated()
        defer { try? cluster.destroy() }
        try cluster.start()
        #expect(cluster.isRunning())
        try PostgresConnection(cluster.connectionString).executeScript(
            "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)")
        try cluster.stop()
        #expect(!cluster.isRunning())
        try cluster.stop()
        try cluster.start()
        #expect(cluster.isRunning())
        let connection = PostgresConnection(cluster.connectionString)
        #expect(connection.isReady())
        #expect(try connection.query("SELECT n FROM kept")[0].int("n") == 7)
    }

    @Test func destroyRemovesEverything() throws {
        let cluster = try TestCluster.makeDedicated()
        try cluster.destroy()
        #expect(!cluster.isRunning())
        #expect(!FileSystem.exists(cluster.directory))
    }

    /// A crash leaves postmaster.pid behind; its pid may since belong to another program (here: us).
    @Test func stalePidFileDoesNotWedgeStart() throws {
        let cluster = try TestCluster.makeDedicated()
        defer { try? cluster.destroy() }
        try cluster.stop()
        let pidFile = cluster.dataDirectory + "/postmaster.pid"
        let staleContent = "\(getpid())\n\(cluster.dataDirectory)\n0\n\(cluster.port)\n\(cluster.socketDirectory)\n\n"
        try FileSystem.writeText(staleContent, to: pidFile)
        try cluster.stop()  // must not signal the pid in the file
        try FileSystem.writeText(staleContent, to: pidFile)
        try cluster.start()
        #expect(cluster.isRunning())
        #expect(cluster.postmasterPID() != getpid())
    }

    /// The server was killed (OOM killer, power loss): start recovers it and the data is still there.
    @Test func startRecoversAfterTheServerWasKilled() throws {
        let cluster = try TestCluster.makeDedicated()
        defer { try? cluster.destroy() }
        let connection = PostgresConnection(cluster.connectionString)
        try connection.execute("CREATE TABLE kept (n int)")
        // Test clusters run with synchronous_commit=off; this commit must reach the WAL before the kill.
        try connection.execute("SET synchronous_commit = on")
        try connection.execute("INSERT INTO kept VALUES (\(1))")
        let backend = pid_t(try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid"))
        let pid = try #require(cluster.postmasterPID())
        #expect(kill(pid, SIGKILL) == 0)
        // The connection's own backend outlives its postmaster until it notices (on a busy machine, long enough to
        // answer one more query): wait for both.
        while EmbeddedCluster.isPostgresProcess(pid) || EmbeddedCluster.isPostgresProcess(backend) { usleep(10_000) }
        #expect(!connection.isReady(timeout: 1))
        try cluster.start()
        #expect(cluster.postmasterPID() != pid)
        #expect(try connection.query("SELECT count(*) AS n FROM kept", retryOnConnectionLoss: true)[0].int("n") == 1)
    }

    @Test func tooLongSocketPathIsRefusedClearly() throws {
        let longDirectory = "/tmp/" + String(repeating: "d", count: 90)
        let cluster = EmbeddedCluster(directory: longDirectory)
        let error = try #require(throws: PostgresError.self) { try cluster.start() }
        #expect(error.code == .clusterFailed)
        #expect(error.message?.contains("under 100") == true)
        #expect(error.description.contains("under 100"))
        #expect(!FileSystem.exists(longDirectory))
    }

    @Test func relativeDirectoriesBecomeAbsolute() {
        let cluster = EmbeddedCluster(directory: "./var/postgres")
        #expect(cluster.directory.hasPrefix("/"))
        #expect(cluster.directory.hasSuffix("/var/postgres"))
        #expect(!cluster.directory.contains("/./"))
        #expect(cluster.dataDirectory == cluster.directory + "/data")
    }

    @Test func explicitBinDirectoryMustHoldTheServerPrograms() throws {
        let cluster = EmbeddedCluster(directory: "/tmp/codezero-never-created", binDirectory: "/nonexistent/bin")
        let error = try #require(throws: PostgresError.self) { try cluster.start() }
        #expect(error.message?.contains("/nonexistent/bin") == true)
    }

    @Test func quotedConnectionValues() {
        #expect(EmbeddedCluster.quoted("/tmp/a") == "/tmp/a")
        #expect(EmbeddedCluster.quoted("/tmp/a b") == "'/tmp/a b'")
        #expect(EmbeddedCluster.quoted("it's") == "'it\\'s'")
        #expect(EmbeddedCluster.shellQuoted("listen_addresses=") == "'listen_addresses='")
        #expect(EmbeddedCluster.shellQuoted("a'b") == "'a'\\''b'")
    }
}

import DevelopmentCluster
import Glibc
import TestSupport
import Testing

@testable import Postgres

/// Server restarts and dropped connections, on clusters owned by these tests.
@Suite struct ReconnectTests {
    @Test func sameConnectionAnswersAfterServerRestart() throws {
        let cluster = try TestCluster.makeDedicated()
        defer { try? cluster.destroy() }
        let connection = PostgresConnection(cluster.connectionString)
        try connection.execute("CREATE TABLE t (n int)")
        let firstPID = try #require(connection.backendPID)

        try cluster.stop()
        #expect(!cluster.isRunning())
        let writeError = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO t VALUES (\(1))")
        }
        #expect(writeError.isConnectionFailure)
        #expect(!connection.isReady(timeout: 1))

        try cluster.start()
        #expect(try connection.query("SELECT count(*) AS n FROM t")[0].int("n") == 0)
        #expect(connection.backendPID != firstPID)
        try connection.execute("INSERT INTO t VALUES (\(2))")
        #expect(connection.isReady())
    }

    @Test func restartWithoutOutageIsInvisibleToTheNextStatement() throws {
        let cluster = try TestCluster.makeDedicated()
        defer { try? cluster.destroy() }
        let connection = PostgresConnection(cluster.connectionString)
        #expect(try connection.query("SELECT 1 AS one")[0].int("one") == 1)
        try cluster.stop()
        try cluster.start()
        #expect(try connection.query("SELECT 2 AS two")[0].int("two") == 2)
    }

    /// With the pre-statement check turned off, a killed backend is only noticed by the statement itself.
    @Test func lostConnectionThrowsUnlessTheReadOptsIntoRetry() throws {
        let database = try TestDatabase.make()
        let connection = database.connect()
        connection.checksConnectionBeforeStatements = false
        let admin = database.connect()

        try terminateBackend(of: connection, using: admin)
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1") }
        #expect(error.code == .connectionLost)
        #expect(error.isConnectionFailure)

        let killed = try terminateBackend(of: connection, using: admin)
        let rows = try connection.query("SELECT pg_backend_pid() AS pid", retryOnConnectionLoss: true)
        #expect(try rows[0].int("pid") != killed)
    }

    @Test func preStatementCheckReconnectsAfterTheBackendWasKilled() throws {
        let database = try TestDatabase.make()
        let connection = database.connect()
        let admin = database.connect()
        let killed = try terminateBackend(of: connection, using: admin)
        #expect(try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid") != killed)
    }

    @Test func lossInsideATransactionIsNotHidden() throws {
        let database = try TestDatabase.make()
        let connection = database.connect()
        let admin = database.connect()
        try connection.execute("CREATE TABLE t (n int)")
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction { transaction in
                try transaction.execute("INSERT INTO t VALUES (\(1))")
                try terminateBackend(of: transaction, using: admin)
                try transaction.execute("INSERT INTO t VALUES (\(2))")
            }
        }
        #expect(error.isConnectionFailure)
        #expect(!connection.isInTransaction)
        #expect(try connection.query("SELECT count(*) AS n FROM t")[0].int("n") == 0)
    }

    /// A server process that stops answering (SIGSTOP) makes ping time out instead of hanging.
    @Test func pingTimesOutWhenTheServerDoesNotAnswer() throws {
        let connection = try TestDatabase.make().connect()
        let pid = try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
        #expect(kill(pid_t(pid), SIGSTOP) == 0)
        defer { kill(pid_t(pid), SIGCONT) }
        let start = ContinuousClock.now
        let error = try #require(throws: PostgresError.self) { try connection.ping(timeout: 0.3) }
        #expect(error.code == .timeout)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(!connection.isConnected)
        #expect(connection.isReady())
    }

    /// Terminates the connection's server process and waits until it is gone; returns its pid.
    @discardableResult
    private func terminateBackend(of connection: PostgresConnection, using admin: PostgresConnection) throws -> Int {
        let pid = try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
        try admin.execute("SELECT pg_terminate_backend(\(Int32(pid)))")
        for _ in 0..<200 {
            let alive = try admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = \(pid)")
            if alive.isEmpty { return pid }
            try sleepBriefly()
        }
        Issue.record("backend \(pid) did not exit")
        return pid
    }

    private func sleepBriefly() throws {
        usleep(10_000)
    }
}

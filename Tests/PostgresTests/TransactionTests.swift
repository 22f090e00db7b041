import TestSupport
import Testing

@testable import Postgres

@Suite struct TransactionTests {
    struct Failure: Error {}

    private func makeTable() throws -> PostgresConnection {
        let connection = try TestDatabase.make().connect()
        try connection.execute("CREATE TABLE t (n int PRIMARY KEY)")
        return connection
    }

    private func count(_ connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM t")[0].int("n")
    }

    @Test func commitKeepsTheWork() throws {
        let connection = try makeTable()
        let value = try connection.transaction { transaction in
            try transaction.execute("INSERT INTO t VALUES (\(1)), (\(2))")
        }
        #expect(value == 2)
        #expect(!connection.isInTransaction)
        #expect(try count(connection) == 2)
    }

    @Test func throwingRollsBackAndRethrows() throws {
        let connection = try makeTable()
        #expect(throws: Failure.self) {
            try connection.transaction { transaction in
                try transaction.execute("INSERT INTO t VALUES (\(1))")
                #expect(transaction.isInTransaction)
                throw Failure()
            }
        }
        #expect(try count(connection) == 0)
    }

    @Test func serverErrorRollsBackEarlierStatements() throws {
        let connection = try makeTable()
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction { transaction in
                try transaction.execute("INSERT INTO t VALUES (\(1))")
                try transaction.execute("INSERT INTO t VALUES (\(1))")
            }
        }
        #expect(error.isUniqueViolation)
        #expect(try count(connection) == 0)
        try connection.execute("INSERT INTO t VALUES (\(5))")
        #expect(try count(connection) == 1)
    }

    @Test func swallowedErrorMakesCommitThrow() throws {
        let connection = try makeTable()
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction { transaction in
                try transaction.execute("INSERT INTO t VALUES (\(1))")
                _ = try? transaction.execute("INSERT INTO t VALUES (\(1))")
            }
        }
        #expect(error.code == .transactionRolledBack)
        #expect(try count(connection) == 0)
    }

    @Test func otherSessionsSeeOnlyCommittedWork() throws {
        let database = try TestDatabase.make()
        let connection = database.connect()
        let observer = database.connect()
        try connection.execute("CREATE TABLE t (n int)")
        try connection.transaction { transaction in
            try transaction.execute("INSERT INTO t VALUES (1)")
            #expect(try observer.query("SELECT count(*) AS n FROM t")[0].int("n") == 0)
        }
        #expect(try observer.query("SELECT count(*) AS n FROM t")[0].int("n") == 1)
    }

    @Test func isolationLevelIsApplied() throws {
        let connection = try makeTable()
        let level = try connection.transaction(isolation: .serializable) { transaction in
            try transaction.query("SHOW transaction_isolation")[0].string(0)
        }
        #expect(level == "serializable")
    }

    @Test func transactionsDoNotNest() throws {
        let connection = try makeTable()
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction { transaction in
                try transaction.transaction { _ in }
            }
        }
        #expect(error.code == .invalidUsage)
    }
}

import TestSupport
import Testing

@testable import Postgres

@Suite struct PostgresErrorTests {
    static let setup = """
        CREATE TABLE parent (id int PRIMARY KEY);
        CREATE TABLE child (id int PRIMARY KEY, parent int REFERENCES parent,
                            amount int NOT NULL CONSTRAINT amount_positive CHECK (amount > 0));
        INSERT INTO parent VALUES (1);
        INSERT INTO child VALUES (1, 1, 5);
        """

    static func helper(_ name: String, _ error: PostgresError) -> Bool {
        switch name {
        case "unique": error.isUniqueViolation
        case "foreignKey": error.isForeignKeyViolation
        case "check": error.isCheckViolation
        case "notNull": error.isNotNullViolation
        case "syntax": error.isSyntaxError
        case "undefinedTable": error.isUndefinedTable
        case "canceled": error.isQueryCanceled
        default: false
        }
    }

    @Test(arguments: [
        ("INSERT INTO child VALUES (1, 1, 5)", "23505", "unique"),
        ("INSERT INTO child VALUES (2, 99, 5)", "23503", "foreignKey"),
        ("INSERT INTO child VALUES (2, 1, -5)", "23514", "check"),
        ("INSERT INTO child VALUES (2, 1, NULL)", "23502", "notNull"),
        ("SELEC 1", "42601", "syntax"),
        ("SELECT * FROM missing_table", "42P01", "undefinedTable"),
        ("SET statement_timeout = 10; SELECT pg_sleep(1)", "57014", "canceled"),
    ])
    func sqlStatesMapToNamedHelpers(sql: String, sqlState: String, helper: String) throws {
        let connection = try TestDatabase.make().connect()
        try connection.executeScript(Self.setup)
        let error = try #require(throws: PostgresError.self) { try connection.executeScript(sql) }
        #expect(error.code == .server)
        #expect(error.sqlState == sqlState)
        #expect(Self.helper(helper, error))
        #expect(!error.isConnectionFailure)
    }

    @Test func serverFieldsAreFilledAndDescriptionIsSafe() throws {
        let connection = try TestDatabase.make().connect()
        try connection.executeScript(Self.setup)
        let secret = "secret-value-42"
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO child VALUES (3, 1, \(-1)) -- \(unescaped: secret)")
        }
        #expect(error.constraintName == "amount_positive")
        #expect(error.tableName == "child")
        #expect(error.schemaName == "public")
        #expect(error.message?.contains("check constraint") == true)
        #expect(
            error.description
                == "PostgresError(code: server, sqlState: 23514, constraint: amount_positive, table: child)")
        #expect(!error.description.contains(secret))
        #expect(error.debugDescription.contains(secret))
        #expect(error.debugDescription.contains("check constraint"))
    }

    @Test func uniqueViolationNamesItsDetail() throws {
        let connection = try TestDatabase.make().connect()
        try connection.executeScript(Self.setup)
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO parent VALUES (\(1))")
        }
        #expect(error.isUniqueViolation)
        #expect(error.constraintName == "parent_pkey")
        #expect(error.detail == "Key (id)=(1) already exists.")
        #expect(!error.description.contains("Key (id)"))
    }

    @Test func connectionFailureClassification() {
        #expect(PostgresError(code: .connectionFailed).isConnectionFailure)
        #expect(PostgresError(code: .connectionLost).isConnectionFailure)
        #expect(PostgresError(code: .server, sqlState: "57P01").isConnectionFailure)
        #expect(PostgresError(code: .server, sqlState: "08006").isConnectionFailure)
        #expect(!PostgresError(code: .server, sqlState: "23505").isConnectionFailure)
        #expect(PostgresError(code: .server, sqlState: "40001").isSerializationFailure)
    }

    @Test func unreachableServerIsAConnectionFailure() throws {
        let connection = PostgresConnection("host=/nonexistent-codezero-socket-dir dbname=x user=x")
        let error = try #require(throws: PostgresError.self) { try connection.query("SELECT 1") }
        #expect(error.code == .connectionFailed)
        #expect(error.isConnectionFailure)
        #expect(error.message?.isEmpty == false)
        #expect(!connection.isReady(timeout: 1))
    }
}

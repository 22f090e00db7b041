import Logging
import Postgres
import Storage
import TestSupport
import Testing

@Suite struct MigratorTests {
    static let tableA = "CREATE TABLE a (n int);\n"
    static let tableASHA256 = "38c32d79ef36afd6c534127cd54298b2f18e33999aabe407777a949e860f590f"

    private func appliedRecords(_ connection: PostgresConnection) throws -> [String: String] {
        var records: [String: String] = [:]
        for row in try connection.query("SELECT name, checksum FROM schema_migrations") {
            records[try row.string("name")] = try row.string("checksum")
        }
        return records
    }

    @Test func appliesFilesInNumericOrderAndRecordsChecksums() throws {
        let directory = try MigrationDirectory([
            "0010_c.sql": "INSERT INTO a VALUES (3);",
            "0001_a.sql": Self.tableA,
            "0002_b.sql": "INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);",
            "README.md": "not a migration",
        ])
        let connection = try TestDatabase.make().connect()
        let (logger, log) = RecordingLogHandler.makeLogger()
        let migrator = Migrator(directory: directory.path, logger: logger)

        let applied = try migrator.migrate(connection)
        #expect(applied == ["0001_a.sql", "0002_b.sql", "0010_c.sql"])
        #expect(try connection.query("SELECT array_agg(n ORDER BY n)::text AS ns FROM a")[0].string("ns") == "{1,2,3}")
        let records = try appliedRecords(connection)
        #expect(records.count == 3)
        #expect(records["0001_a.sql"] == Self.tableASHA256)

        let appliedLogs = log.all.filter { $0.message == "migration applied" }
        #expect(appliedLogs.map { $0.metadata["migration.name"] } == ["0001_a.sql", "0002_b.sql", "0010_c.sql"])
        #expect(appliedLogs.first?.metadata["migration.checksum"] == Self.tableASHA256)

        #expect(try migrator.migrate(connection) == [])
        let status = try migrator.verify(connection)
        #expect(status.isUpToDate)
        #expect(status.entries.map(\.state) == [.applied, .applied, .applied])
    }

    @Test func newFilesAreAppliedLater() throws {
        let directory = try MigrationDirectory(["0001_a.sql": Self.tableA])
        let connection = try TestDatabase.make().connect()
        let migrator = Migrator(directory: directory.path, logger: Logger(label: "test"))
        try migrator.migrate(connection)
        try directory.write("0002_b.sql", "INSERT INTO a VALUES (1);")
        #expect(try migrator.status(connection).pending == ["0002_b.sql"])
        #expect(try migrator.migrate(connection) == ["0002_b.sql"])
    }

    @Test func lateLowerNumberIsAppliedWithAWarning() throws {
        let directory = try MigrationDirectory(["0002_b.sql": Self.tableA])
        let connection = try TestDatabase.make().connect()
        let (logger, log) = RecordingLogHandler.makeLogger()
        let migrator = Migrator(directory: directory.path, logger: logger)
        try migrator.migrate(connection)
        try directory.write("0001_a.sql", "INSERT INTO a VALUES (1);")
        #expect(try migrator.migrate(connection) == ["0001_a.sql"])
        #expect(
            log.all.contains { $0.message == "migration out of order" && $0.metadata["migration.name"] == "0001_a.sql" }
        )
    }

    @Test func changedFileIsRefusedAndNothingElseRuns() throws {
        let directory = try MigrationDirectory(["0001_a.sql": Self.tableA])
        let connection = try TestDatabase.make().connect()
        let migrator = Migrator(directory: directory.path, logger: Logger(label: "test"))
        try migrator.migrate(connection)
        try directory.write("0001_a.sql", "CREATE TABLE a (n bigint);\n")
        try directory.write("0002_b.sql", "CREATE TABLE b (n int);")

        let error = try #require(throws: StorageError.self) { try migrator.migrate(connection) }
        #expect(error.code == .migrationChanged)
        #expect(error.migration == "0001_a.sql")
        #expect(error.description.contains("0001_a.sql"))
        let verifyError = try #require(throws: StorageError.self) { try migrator.verify(connection) }
        #expect(verifyError.code == .migrationChanged)
        #expect(try migrator.status(connection).problems.map(\.name) == ["0001_a.sql"])
        #expect(try connection.query("SELECT to_regclass('b') IS NULL AS absent")[0].bool("absent"))
    }

    @Test func missingAppliedFileIsRefused() throws {
        let directory = try MigrationDirectory(["0001_a.sql": Self.tableA, "0002_b.sql": "SELECT 1;"])
        let connection = try TestDatabase.make().connect()
        let migrator = Migrator(directory: directory.path, logger: Logger(label: "test"))
        try migrator.migrate(connection)
        try directory.remove("0002_b.sql")
        let error = try #require(throws: StorageError.self) { try migrator.verify(connection) }
        #expect(error.code == .migrationMissing)
        #expect(error.migration == "0002_b.sql")
        #expect(throws: StorageError.self) { try migrator.migrate(connection) }
    }

    @Test func pendingFilesAreNotFatalForVerify() throws {
        let directory = try MigrationDirectory(["0001_a.sql": Self.tableA, "0002_b.sql": "SELECT 1;"])
        let connection = try TestDatabase.make().connect()
        let (logger, log) = RecordingLogHandler.makeLogger()
        let migrator = Migrator(directory: directory.path, logger: logger)
        let status = try migrator.verify(connection)
        #expect(status.pending == ["0001_a.sql", "0002_b.sql"])
        #expect(!status.isUpToDate)
        #expect(log.all.contains { $0.message == "migrations pending" && $0.level == .warning })
        #expect(try connection.query("SELECT to_regclass('schema_migrations') IS NULL AS absent")[0].bool("absent"))
    }

    @Test(arguments: ["1_a.sql", "0001_A.sql", "0001-a.sql", "0001_.sql", "00001_a.sql", "0001_a b.sql", "abcd_a.sql"])
    func badNamesAreRefused(name: String) throws {
        let directory = try MigrationDirectory(["0001_a.sql": Self.tableA, name: "SELECT 1;"])
        let connection = try TestDatabase.make().connect()
        let migrator = Migrator(directory: directory.path, logger: Logger(label: "test"))
        let error = try #require(throws: StorageError.self) { try migrator.migrate(connection) }
        #expect(error.code == .badMigrationName)
        #expect(error.migration == name)
        #expect(try connection.query("SELECT to_regclass('a') IS NULL AS absent")[0].bool("absent"))
    }

    @Test(arguments: [
        ("0001_billing_products.sql", 1 as Int?), ("0042_a1_b2.sql", 42), ("9999_x.sql", 9999),
        ("0001_a.SQL", nil), ("0001_a.sql.bak", nil), ("0001_a", nil), ("_0001_a.sql", nil),
    ])
    func nameRule(name: String, number: Int?) {
        #expect(MigrationFile.number(ofValidName: name) == number)
    }

    @Test func sharedNumbersAreRefused() throws {
        let directory = try MigrationDirectory(["0001_a.sql": Self.tableA, "0001_b.sql": "SELECT 1;"])
        let connection = try TestDatabase.make().connect()
        let migrator = Migrator(directory: directory.path, logger: Logger(label: "test"))
        let error = try #require(throws: StorageError.self) { try migrator.migrate(connection) }
        #expect(error.code == .duplicateMigrationNumber)
        #expect(error.message.contains("0001_a.sql") && error.message.contains("0001_b.sql"))
    }

    @Test func failingFileRollsBackEntirelyAndIsNotRecorded() throws {
        let directory = try MigrationDirectory([
            "0001_a.sql": Self.tableA,
            "0002_bad.sql": "CREATE TABLE x (n int); INSERT INTO a VALUES (1); SELECT 1 / 0;",
            "0003_c.sql": "CREATE TABLE c (n int);",
        ])
        let connection = try TestDatabase.make().connect()
        let (logger, log) = RecordingLogHandler.makeLogger()
        let migrator = Migrator(directory: directory.path, logger: logger)
        let error = try #require(throws: StorageError.self) { try migrator.migrate(connection) }
        #expect(error.code == .migrationFailed)
        #expect(error.migration == "0002_bad.sql")
        #expect(error.underlying?.sqlState == "22012")
        #expect(try appliedRecords(connection).keys.sorted() == ["0001_a.sql"])
        let leftovers = try connection.query(
            "SELECT to_regclass('x') IS NULL AS no_x, to_regclass('c') IS NULL AS no_c, (SELECT count(*) FROM a) AS rows"
        )
        #expect(try leftovers[0].bool("no_x") && leftovers[0].bool("no_c") && leftovers[0].int("rows") == 0)
        #expect(
            log.all.contains { $0.message == "migration failed" && $0.metadata["migration.name"] == "0002_bad.sql" })

        try directory.write("0002_bad.sql", "CREATE TABLE x (n int);")
        #expect(try migrator.migrate(connection) == ["0002_bad.sql", "0003_c.sql"])
    }

    @Test func concurrentRunsApplyEachFileExactlyOnce() throws {
        let directory = try MigrationDirectory([
            "0001_a.sql": "CREATE TABLE runs (n int); SELECT pg_sleep(0.2);",
            "0002_b.sql": "INSERT INTO runs VALUES (2);",
            "0003_c.sql": "INSERT INTO runs VALUES (3);",
        ])
        let database = try TestDatabase.make()
        let path = directory.path
        let results = TestThreads.run(count: 4) { _ in
            try Migrator(directory: path, logger: Logger(label: "test")).migrate(database.connect())
        }
        let applied = try results.flatMap { try $0.get() }
        #expect(applied.sorted() == ["0001_a.sql", "0002_b.sql", "0003_c.sql"])
        let connection = database.connect()
        #expect(try connection.query("SELECT array_agg(n ORDER BY n)::text AS ns FROM runs")[0].string("ns") == "{2,3}")
        #expect(try appliedRecords(connection).count == 3)
    }
}

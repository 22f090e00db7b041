import Logging
import Postgres
import Storage

/// A database on the shared cluster with the repository's migrations applied, made once per test
/// process and used as the template of ``TestDatabase/makeMigrated()``.
enum MigratedTemplate {
    static let shared: Result<TestDatabase, TestSupportError> = Result {
        let database = try TestDatabase.make()
        let connection = database.connect()
        defer { connection.close() }
        var logger = Logger(label: "codezero.test-support")
        logger.logLevel = .warning
        do {
            try Migrator(directory: repositorySQLDirectory, logger: logger).migrate(connection)
        } catch {
            throw TestSupportError("migrating the test template database failed: \(String(reflecting: error))")
        }
        return database
    }.mapError { $0 as? TestSupportError ?? TestSupportError(String(describing: $0)) }

    /// The repository's `sql/` directory, found from this source file's path.
    static var repositorySQLDirectory: String {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Tests/Support/MigratedTemplate.swift
        return components.joined(separator: "/") + "/sql"
    }
}

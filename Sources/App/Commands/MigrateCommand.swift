import Logging
import Postgres
import Storage

/// `codezero migrate [--status|--verify]`: applies the numbered SQL files, or reports on them.
/// Exit 0 when the schema is up to date, 65 (EX_DATAERR) when an applied file changed or is missing,
/// 69 when the database cannot be reached.
enum MigrateCommand {
    static func run(configuration: Configuration, mode: Invocation.MigrateMode) -> Int32 {
        let logger = Logger(label: "codezero.migrate")
        let migrator = Migrator(directory: configuration.sqlDirectory, logger: logger)
        let connection = DatabaseTarget(configuration: configuration).connect(application: "codezero-migrate")
        defer { connection.close() }
        do {
            switch mode {
            case .apply:
                let applied = try migrator.migrate(connection)
                Console.err(
                    applied.isEmpty
                        ? "codezero: schema is up to date" : "codezero: applied \(applied.joined(separator: ", "))")
            case .status, .verify:
                let status = mode == .verify ? try migrator.verify(connection) : try migrator.status(connection)
                for entry in status.entries {
                    Console.out("\(entry.state.rawValue)\t\(entry.name)\t\(entry.appliedAt ?? "")")
                }
                if !status.problems.isEmpty { return 65 }
            }
        } catch let error as StorageError {
            Console.err("codezero: migrate failed: \(error)")
            return error.underlying?.isConnectionFailure == true ? 69 : 65
        } catch {
            Console.err("codezero: migrate failed: \(String(reflecting: error))")
            return 69
        }
        return 0
    }
}

import Foundation
import Postgres

/// `codezero db start|stop|status|url|backup|restore`: the embedded cluster under `$CODEZERO_VAR/postgres`.
/// With `DATABASE_URL` set there is no cluster to manage: start/stop do nothing, status checks the server,
/// backup and restore are the server's own tooling's job.
///
/// `backup` takes a base backup (`pg_basebackup`) into `$CODEZERO_VAR/postgres/backups/base-<UTC time>` and
/// prints its path; with the archived WAL (`$CODEZERO_VAR/postgres/wal-archive`) it restores to any later moment:
/// `restore <backup> <time> <new cluster directory>` recovers into a NEW cluster and prints its connection string.
enum DatabaseCommand {
    static func run(configuration: Configuration, action: Invocation.DatabaseAction) -> Int32 {
        let target = DatabaseTarget(configuration: configuration)
        do {
            switch action {
            case .start:
                guard let cluster = target.cluster else {
                    Console.err("codezero: DATABASE_URL is set; no embedded cluster to start")
                    return 0
                }
                try cluster.start()
                Console.err("codezero: database running (\(cluster.dataDirectory))")
            case .stop:
                guard let cluster = target.cluster else {
                    Console.err("codezero: DATABASE_URL is set; no embedded cluster to stop")
                    return 0
                }
                try cluster.stop()
                Console.err("codezero: database stopped")
            case .status:
                let ready = target.connect(application: "codezero-db-status").isReady(timeout: 3)
                Console.out(ready ? "running" : "not running")
                return ready ? 0 : 3
            case .url:
                Console.out(target.connectionString)
            case .backup:
                guard let cluster = target.cluster else {
                    Console.err("codezero: DATABASE_URL is set; back up that server with its own tooling")
                    return 69
                }
                let stamp = String(Int(Date().timeIntervalSince1970))
                Console.out(try cluster.backup(named: "base-\(stamp)"))
            case .restore(let backup, let time, let directory):
                guard let cluster = target.cluster else {
                    Console.err("codezero: DATABASE_URL is set; restore that server with its own tooling")
                    return 69
                }
                let restored = EmbeddedCluster(directory: directory, port: cluster.port)
                try restored.restore(from: backup, walArchive: cluster.walArchiveDirectory, until: time)
                Console.out(restored.connectionString)
            }
        } catch {
            Console.err("codezero: db \(action.name) failed: \(String(reflecting: error))")
            return 69
        }
        return 0
    }
}

extension Invocation.DatabaseAction {
    /// The subcommand's name, for messages.
    var name: String {
        switch self {
        case .start: "start"
        case .stop: "stop"
        case .status: "status"
        case .url: "url"
        case .backup: "backup"
        case .restore: "restore"
        }
    }
}

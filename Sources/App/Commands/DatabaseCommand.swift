import Postgres

/// `codezero db start|stop|status|url`: the embedded cluster under `$CODEZERO_VAR/postgres`. With
/// `DATABASE_URL` set there is no cluster to manage: start/stop do nothing, status checks the server.
enum DatabaseCommand {
    static func run(configuration: Configuration, arguments: [String]) -> Int32 {
        let target = DatabaseTarget(configuration: configuration)
        guard let action = arguments.first, arguments.count == 1 else {
            Console.err("usage: codezero db start|stop|status|url")
            return 64
        }
        do {
            switch action {
            case "start":
                guard let cluster = target.cluster else {
                    Console.err("codezero: DATABASE_URL is set; no embedded cluster to start")
                    return 0
                }
                try cluster.start()
                Console.err("codezero: database running (\(cluster.dataDirectory))")
            case "stop":
                guard let cluster = target.cluster else {
                    Console.err("codezero: DATABASE_URL is set; no embedded cluster to stop")
                    return 0
                }
                try cluster.stop()
                Console.err("codezero: database stopped")
            case "status":
                let ready = target.connect(application: "codezero-db-status").isReady(timeout: 3)
                Console.out(ready ? "running" : "not running")
                return ready ? 0 : 3
            case "url":
                Console.out(target.connectionString)
            default:
                Console.err("usage: codezero db start|stop|status|url")
                return 64
            }
        } catch {
            Console.err("codezero: db \(action) failed: \(String(reflecting: error))")
            return 69
        }
        return 0
    }
}

import Logging
import ProcessManager

#if canImport(Glibc)
    import Glibc
#endif

/// `codezero serve`: binds the pool's unix socket (or adopts systemd's) and runs the master, which
/// keeps `CODEZERO_WORKERS` `codezero worker` processes alive on it.
enum ServeCommand {
    static func run(configuration: Configuration, environment: [String: String]) -> Int32 {
        let logger = Logger(label: "codezero.serve")
        let pool = configuration.pool
        // Resolved once: after a redeploy /proc/self/exe names a deleted file.
        let executable = ExecutablePath.resolve(argv0: CommandLine.arguments.first ?? "codezero")
        let socket: ListeningSocket
        do {
            socket =
                try ListeningSocket.adoptFromSystemd(environment: environment)
                ?? ListeningSocket.bind(
                    path: configuration.socketPath, backlog: Int32(pool.listenBacklog),
                    group: configuration.socketGroup)
        } catch {
            logger.critical("cannot listen", metadata: ["error": "\(error)", "socket": "\(configuration.socketPath)"])
            return 71
        }
        defer { socket.close() }
        let scoreboard: Scoreboard
        do {
            scoreboard = try Scoreboard.create(configuration: pool)
        } catch {
            logger.critical(
                "cannot create the scoreboard", metadata: ["error": "\(error)", "path": "\(pool.scoreboardPath)"])
            return 73
        }
        let master = PoolMaster(
            configuration: pool,
            spawner: WorkerSpawner(
                executable: executable, arguments: ["worker"], listeningDescriptor: socket.descriptor),
            notifier: SystemdNotifier(environment: environment), logger: logger, scoreboard: scoreboard,
            listeningDescriptor: socket.descriptor)
        do {
            return try master.run()
        } catch {
            logger.critical("pool master failed", metadata: ["error": "\(error)"])
            return 70
        }
    }
}

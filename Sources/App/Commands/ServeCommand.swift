import Logging
import ProcessManager

#if canImport(Glibc)
    import Glibc
#endif

/// `codezero serve`: binds the pool's unix socket (or adopts systemd's, or listens on `CODEZERO_LISTEN`'s TCP
/// address) and runs the master, which
/// keeps `CODEZERO_WORKERS` `codezero worker` processes alive on it.
enum ServeCommand {
    static func run(configuration: Configuration, environment: [String: String]) -> Int32 {
        let logger = Logger(label: "codezero.serve")
        let pool = configuration.pool
        // Resolved once: after a redeploy /proc/self/exe names a deleted file.
        let executable = ExecutablePath.resolve(argv0: CommandLine.arguments.first ?? "codezero")
        let socket: ListeningSocket
        do {
            if let systemd = ListeningSocket.adoptFromSystemd(environment: environment) {
                socket = systemd
            } else if let address = configuration.listen {
                socket = try ListeningSocket.bind(tcp: address, backlog: Int32(pool.listenBacklog))
                logger.notice("listening on TCP", metadata: ["address": "\(address)"])
            } else {
                socket = try ListeningSocket.bind(
                    path: configuration.socketPath, backlog: Int32(pool.listenBacklog),
                    group: configuration.socketGroup)
            }
        } catch {
            let address = configuration.listen?.description ?? configuration.socketPath
            logger.critical("cannot listen", metadata: ["error": "\(error)", "socket": "\(address)"])
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

import Logging
import ProcessManager

#if canImport(Glibc)
    import Glibc
#endif

/// `codezero serve`: binds the pool's unix socket (or adopts systemd's) and runs the master, which
/// keeps `CODEZERO_WORKERS` `codezero worker` processes alive on it.
enum ServeCommand {
    static func run(configuration: Configuration) -> Int32 {
        let logger = Logger(label: "codezero.serve")
        let environment = Configuration.processEnvironment()
        // Resolved once: after a redeploy /proc/self/exe names a deleted file.
        let executable = ExecutablePath.resolve(argv0: CommandLine.arguments.first ?? "codezero")
        let socket: ListeningSocket
        do {
            socket =
                try ListeningSocket.adoptFromSystemd(environment: environment)
                ?? ListeningSocket.bind(
                    path: configuration.socketPath, backlog: Int32(configuration.listenBacklog),
                    group: configuration.socketGroup)
        } catch {
            logger.critical("cannot listen", metadata: ["error": "\(error)", "socket": "\(configuration.socketPath)"])
            return 71
        }
        defer { socket.close() }
        let master = PoolMaster(
            configuration: PoolConfiguration(workers: configuration.workers, stopTimeout: configuration.stopTimeout),
            spawner: WorkerSpawner(
                executable: executable, arguments: ["worker"], listeningDescriptor: socket.descriptor),
            notifier: SystemdNotifier(environment: environment), logger: logger)
        do {
            return try master.run()
        } catch {
            logger.critical("pool master failed", metadata: ["error": "\(error)"])
            return 70
        }
    }
}

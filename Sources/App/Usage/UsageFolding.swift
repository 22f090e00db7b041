import Dispatch
import Foundation
import Logging
import Postgres
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The jobs process's continuous usage fold: a thread of its own, on a connection of its own, runs ``FoldUsage``
/// every ``interval``, so `usage_daily` trails ingestion by about that much (readers add the tail meanwhile).
/// Stop signals stay with the main thread (they are blocked here); ``stop()`` ends the loop after the fold at hand.
final class UsageFolding: Sendable {
    /// The pause between folds.
    static let interval = Duration.seconds(1)
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    private init() {}

    /// Starts the loop on a new thread with a connection to `connectionString`.
    static func start(connectionString: String, logger: Logger) -> UsageFolding {
        let folding = UsageFolding()
        let thread = Thread {
            folding.loop(connectionString: connectionString, logger: logger)
        }
        thread.name = "usage-fold"
        thread.start()
        return folding
    }

    /// Asks the loop to stop and waits until it has (a fold in flight commits or rolls back first).
    func stop() {
        stopping.store(true, ordering: .relaxed)
        finished.wait()
    }

    private func loop(connectionString: String, logger: Logger) {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGQUIT] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let connection = PostgresConnection(connectionString, connectTimeout: 3, applicationName: "codezero-usage-fold")
        defer {
            connection.close()
            finished.signal()
        }
        let slice = Duration.milliseconds(100)
        while !stopping.load(ordering: .relaxed) {
            do {
                _ = try FoldUsage.run(connection: connection, logger: logger)
            } catch {
                logger.warning("usage fold failed; retrying", metadata: ["error": "\(error)"])
            }
            var waited = Duration.zero
            while waited < Self.interval && !stopping.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: 0.1)
                waited += slice
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Logging

/// The master process: runs ``PoolStateMachine`` against the real operating system.
///
/// Signals: SIGTERM, SIGINT and SIGQUIT stop gracefully (workers finish their request, then exit; after the
/// stop timeout they are killed); SIGHUP and SIGUSR2 reload (a new generation of workers starts on the same
/// socket while the old one finishes). It never starts threads.
public final class PoolMaster {
    private var machine: PoolStateMachine
    private let spawner: WorkerSpawner
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let clock: () -> MonotonicInstant

    /// Creates a master; nothing happens until ``run()``.
    public init(
        configuration: PoolConfiguration,
        spawner: WorkerSpawner,
        notifier: SystemdNotifier,
        logger: Logger,
        clock: @escaping () -> MonotonicInstant = MonotonicInstant.now
    ) {
        self.machine = PoolStateMachine(configuration: configuration)
        self.spawner = spawner
        self.notifier = notifier
        self.logger = logger
        self.clock = clock
    }

    /// Runs until a stop completes; returns the process exit status.
    public func run() throws -> Int32 {
        let signals = try SignalReceiver(signals: [SIGCHLD, SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR2])
        perform(machine.start(now: clock()))
        notifier.notify("READY=1\nSTATUS=\(machine.activeWorkers) workers\nMAINPID=\(getpid())")
        logger.info("pool started", metadata: ["pool.workers": "\(machine.configuration.workers)"])
        while machine.phase != .stopped {
            let timeout = machine.nextDeadline.map { max(0, $0.seconds(since: clock())) }
            for signal in try signals.wait(timeout: timeout) {
                handle(signal: signal)
            }
            perform(machine.tick(now: clock()))
        }
        notifier.notify("STOPPING=1")
        logger.info("pool stopped")
        return 0
    }

    private func handle(signal: Int32) {
        switch signal {
        case SIGCHLD:
            reapChildren()
        case SIGTERM, SIGINT, SIGQUIT:
            notifier.notify("STOPPING=1")
            perform(machine.stop(now: clock()))
        case SIGHUP, SIGUSR2:
            notifier.notify("RELOADING=1")
            perform(machine.reload(now: clock()))
            notifier.notify("READY=1\nSTATUS=generation \(machine.generation)")
        default:
            break
        }
    }

    private func reapChildren() {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, WNOHANG)
            if pid <= 0 { return }
            let exit = WorkerExitStatus(waitStatus: status)
            logger.debug("worker exited", metadata: ["worker.pid": "\(pid)", "worker.status": "\(exit)"])
            perform(machine.workerExited(pid: pid, status: exit, now: clock()))
        }
    }

    private func perform(_ actions: [PoolStateMachine.Action]) {
        var queue = actions
        while !queue.isEmpty {
            let action = queue.removeFirst()
            switch action {
            case .spawn(let count, let generation):
                for _ in 0..<count {
                    do {
                        let pid = try spawner.spawn(extraEnvironment: [
                            "CODEZERO_MASTER_PID": "\(getpid())", "CODEZERO_GENERATION": "\(generation)",
                        ])
                        machine.workerStarted(pid: pid, generation: generation, now: clock())
                    } catch {
                        logger.error("worker spawn failed", metadata: ["error": "\(error)"])
                        queue.append(contentsOf: machine.spawnFailed(generation: generation, now: clock()))
                    }
                }
            case .signal(let pid, let signal):
                kill(pid, signal == .kill ? SIGKILL : SIGTERM)
            case .log(let event):
                log(event)
            case .exit:
                break
            }
        }
    }

    private func log(_ event: PoolStateMachine.PoolEvent) {
        switch event {
        case .workerExitedUnexpectedly(let pid, let status):
            logger.warning("worker exited unexpectedly", metadata: ["worker.pid": "\(pid)", "worker.status": "\(status)"])
        case .crashLoop(let deaths, let backoff):
            logger.error(
                "workers keep dying, backing off",
                metadata: ["pool.deaths": "\(deaths)", "pool.backoff_seconds": "\(backoff)"])
            notifier.notify("STATUS=crash loop: \(deaths) worker deaths, respawn in \(backoff)s")
        case .reloading(let generation):
            logger.notice("reloading", metadata: ["pool.generation": "\(generation)"])
        case .stopping(let workers):
            logger.notice("stopping", metadata: ["pool.workers": "\(workers)"])
        case .stopTimeoutExceeded(let killed):
            logger.error("stop timeout exceeded, killing workers", metadata: ["pool.killed": "\(killed)"])
        }
    }
}

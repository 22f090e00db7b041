import Logging

extension PoolMaster {
    /// Writes a state machine event to the log (and, for a crash loop, to systemd's status line).
    func log(_ event: PoolStateMachine.PoolEvent) {
        switch event {
        case .workerExitedUnexpectedly(let pid, let status):
            logger.warning(
                "worker exited unexpectedly", metadata: ["worker.pid": "\(pid)", "worker.status": "\(status)"])
        case .workerRecycled(let pid):
            logger.info("worker recycled", metadata: ["worker.pid": "\(pid)"])
        case .crashLoop(let deaths, let backoff):
            logger.error(
                "workers keep dying, backing off",
                metadata: ["pool.deaths": "\(deaths)", "pool.backoff_seconds": "\(backoff)"])
            notifier.notify("STATUS=crash loop: \(deaths) worker deaths, respawn in \(backoff)s")
        case .requestTimedOut(let pid, let seconds):
            var metadata: Logger.Metadata = [
                "worker.pid": "\(pid)", "request.seconds": "\((seconds * 1000).rounded() / 1000)",
                "pool.request_timeout": "\(machine.configuration.requestTimeout)",
            ]
            if let slot = slots[pid], let scoreboard {
                let request = scoreboard.currentRequest(slot: slot)
                metadata["request.id"] = "\(request.requestID)"
                metadata["request.route"] = "\(request.route)"
                metadata["request.method"] = "\(request.method)"
                metadata["request.uri"] = "\(request.uri)"
            }
            logger.error("request timeout, killing worker", metadata: metadata)
        case .maxChildrenReached(let children):
            logger.warning("max children reached", metadata: ["pool.children": "\(children)"])
        case .spareWorkerRetired(let pid):
            logger.debug("retiring spare worker", metadata: ["worker.pid": "\(pid)"])
        case .reloading(let generation):
            logger.notice("reloading", metadata: ["pool.generation": "\(generation)"])
        case .stopping(let workers):
            logger.notice("stopping", metadata: ["pool.workers": "\(workers)"])
        case .stopTimeoutExceeded(let killed):
            logger.error("stop timeout exceeded, killing workers", metadata: ["pool.killed": "\(killed)"])
        case .stopAbandoned(let remaining):
            logger.critical(
                "workers survived SIGKILL, exiting without them", metadata: ["pool.remaining": "\(remaining)"])
        }
    }
}

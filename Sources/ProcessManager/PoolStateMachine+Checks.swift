extension PoolStateMachine {
    /// The periodic check: what every worker is doing, as the scoreboard says.
    ///
    /// Kills a worker whose request ran past the request timeout and replaces it at once (not counted as a
    /// crash); for `dynamic`, starts workers while fewer than `minSpare` are idle (at most `maxSpawnRate`
    /// per check, never beyond `maxChildren`) and retires one idle worker per check while more than
    /// `maxSpare` are idle. Workers missing from `activity` (still starting) count as idle.
    public mutating func observe(_ activity: [WorkerActivity], now: MonotonicInstant) -> [Action] {
        switch phase {
        case .running, .stopping: break
        case .idle, .stopped: return []
        }
        nextCheck = now.advanced(bySeconds: configuration.checkInterval)
        var busy: [Int32: MonotonicInstant] = [:]
        for entry in activity {
            if let since = entry.busySince { busy[entry.pid] = since }
        }
        var actions = killTimedOut(busy: busy, now: now)
        if phase == .running && configuration.style == .dynamic {
            actions += balanceSpares(busy: busy)
        }
        return actions
    }

    private mutating func killTimedOut(busy: [Int32: MonotonicInstant], now: MonotonicInstant) -> [Action] {
        let timeout = configuration.requestTimeout
        guard timeout > 0 else { return [] }
        var actions: [Action] = []
        var replacements = 0
        for (pid, since) in busy.sorted(by: { $0.key < $1.key }) {
            guard let worker = workers[pid], !worker.killedForTimeout else { continue }
            let elapsed = now.seconds(since: since)
            guard elapsed >= timeout else { continue }
            workers[pid]?.killedForTimeout = true
            let wasServing = !worker.retiring
            workers[pid]?.retiring = true
            timedOutRequests += 1
            actions += [.log(.requestTimedOut(pid: pid, seconds: elapsed)), .signal(pid: pid, signal: .kill)]
            if phase == .running && wasServing && worker.generation == generation {
                replacements += 1
            }
        }
        if replacements > 0 {
            restarts += replacements
            actions.append(.spawn(count: replacements, generation: generation))
        }
        return actions
    }

    private mutating func balanceSpares(busy: [Int32: MonotonicInstant]) -> [Action] {
        let serving = workers.values.filter { $0.generation == generation && !$0.retiring }
        let idle = serving.filter { busy[$0.pid] == nil }
        let total = serving.count + pendingSpawns
        let idleCount = idle.count + pendingSpawns
        if idleCount < configuration.minSpare {
            let room = configuration.maxChildren - total
            guard room > 0 else {
                maxChildrenReached += 1
                return [.log(.maxChildrenReached(children: total))]
            }
            let count = min(configuration.minSpare - idleCount, room, configuration.maxSpawnRate)
            return [.spawn(count: count, generation: generation)]
        }
        if idleCount > configuration.maxSpare, let youngest = idle.max(by: { $0.startedAt < $1.startedAt }) {
            workers[youngest.pid]?.retiring = true
            return [.log(.spareWorkerRetired(pid: youngest.pid)), .signal(pid: youngest.pid, signal: .finishAndExit)]
        }
        return []
    }

    mutating func recordDeathAndReplace(now: MonotonicInstant, count: Int, countsAsCrash: Bool = true) -> [Action] {
        if countsAsCrash {
            recentDeaths.append(now)
        }
        let windowStart = now.advanced(bySeconds: -configuration.crashWindow)
        recentDeaths.removeAll { $0 < windowStart }
        if recentDeaths.count < configuration.crashThreshold {
            if pendingSpawns > 0 {
                pendingSpawns += count
                return []
            }
            backoff = 0
            return [.spawn(count: count, generation: generation)]
        }
        backoff = backoff == 0 ? configuration.initialBackoff : min(backoff * 2, configuration.maximumBackoff)
        pendingSpawns += count
        spawnNotBefore = now.advanced(bySeconds: backoff)
        return [.log(.crashLoop(deaths: recentDeaths.count, backoffSeconds: backoff))]
    }
}

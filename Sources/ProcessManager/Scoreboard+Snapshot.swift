extension Scoreboard {
    /// Reads everything at once into a ``PoolStatus`` (each worker slot consistently under its sequence lock).
    public func snapshot() -> PoolStatus {
        typealias H = ScoreboardLayout.Header
        let nowMicros = unixMicroseconds()
        let nowMonotonic = MonotonicInstant.now().nanoseconds
        let startMonotonic = Int64(memory.load(H.startMonotonic))
        var processes: [PoolStatus.Process] = []
        for slot in 0..<slotCount {
            if let process = readProcess(slot: slot, nowMicros: nowMicros, nowMonotonic: nowMonotonic) {
                processes.append(process)
            }
        }
        processes.sort { $0.pid < $1.pid }
        let active = processes.filter { $0.state == WorkerState.running.name || $0.state == WorkerState.finishing.name }
            .count
        let (counts, latencies) = readRoutes()
        return PoolStatus(
            pool: memory.readText(H.name, capacity: H.nameCapacity),
            processManager: memory.load(H.style) == 0 ? "static" : "dynamic",
            startTime: Int(memory.load(H.startUnix)),
            startSince: Int(max(0, (nowMonotonic - startMonotonic) / 1_000_000_000)),
            acceptedConnections: int(H.acceptedConnections),
            listenQueue: int(H.listenQueue),
            maxListenQueue: int(H.maxListenQueue),
            listenQueueLength: int(H.listenQueueLength),
            idleProcesses: processes.count - active,
            activeProcesses: active,
            totalProcesses: processes.count,
            maxActiveProcesses: max(int(H.maxActive), active),
            maxChildrenReached: int(H.maxChildrenReached),
            slowRequests: int(H.slowRequests),
            maxChildren: int(H.maxChildren),
            maxRequests: int(H.maxRequests),
            restarts: int(H.restarts),
            timedOutRequests: int(H.timedOutRequests),
            databaseErrors: int(H.databaseErrors),
            generation: int(H.generation),
            masterPID: Int32(truncatingIfNeeded: memory.load(H.masterPID)),
            processes: processes,
            routeStatusCounts: counts,
            routeLatencies: latencies)
    }

    private func int(_ offset: Int) -> Int { Int(truncatingIfNeeded: memory.load(offset)) }

    private func readProcess(slot: Int, nowMicros: Int64, nowMonotonic: Int64) -> PoolStatus.Process? {
        let offset = ScoreboardLayout.slotOffset(slot)
        typealias S = ScoreboardLayout.Slot
        return memory.readConsistently(offset) { () -> PoolStatus.Process? in
            let pid = memory.load(offset + S.pid)
            guard pid != 0, let state = WorkerState(rawValue: memory.load(offset + S.state)), state != .free else {
                return nil
            }
            let start = Int64(memory.load(offset + S.startUnixMicros))
            let duration: Int64
            if state == .running {
                duration = max(0, (nowMonotonic - Int64(memory.load(offset + S.requestStartMonotonic))) / 1000)
            } else {
                duration = Int64(memory.load(offset + S.lastDurationMicros))
            }
            let cpu = Double(memory.load(offset + S.lastCPUMicros))
            let last = Double(memory.load(offset + S.lastDurationMicros))
            return PoolStatus.Process(
                pid: Int32(truncatingIfNeeded: pid),
                generation: Int(memory.load(offset + S.generation)),
                state: state.name,
                startTime: Int(start / 1_000_000),
                startSince: Int(max(0, nowMicros - start) / 1_000_000),
                requests: Int(memory.load(offset + S.requests)),
                requestDurationMicros: Int(duration),
                requestMethod: memory.readText(offset + S.method, capacity: S.methodCapacity),
                requestURI: memory.readText(offset + S.uri, capacity: S.uriCapacity),
                route: memory.readText(offset + S.route, capacity: S.routeCapacity),
                requestID: memory.readText(offset + S.requestID, capacity: S.requestIDCapacity),
                contentLength: Int(memory.load(offset + S.contentLength)),
                lastRequestCPU: last > 0 ? cpu / last * 100 : 0,
                lastRequestMemory: Int(memory.load(offset + S.lastMemoryBytes)),
                lastStatus: Int(memory.load(offset + S.lastStatus)))
        }
    }

    private func readRoutes() -> ([PoolStatus.RouteStatusCount], [PoolStatus.RouteLatency]) {
        typealias R = ScoreboardLayout.Route
        var counts: [String: [Int?: Int]] = [:]
        var latencies: [String: PoolStatus.RouteLatency] = [:]
        for index in 0..<ScoreboardLayout.routeCount {
            let offset = ScoreboardLayout.routeOffset(index, slots: slotCount)
            guard memory.load(offset + R.state) == 2 else { continue }
            let name = memory.readText(offset + R.name, capacity: R.nameCapacity)
            for pair in 0..<ScoreboardLayout.statusPairs {
                let code = memory.load(offset + R.statusPairs + pair * 16)
                let count = Int(memory.load(offset + R.statusPairs + pair * 16 + 8))
                guard count > 0 else { continue }
                let status: Int? = pair == ScoreboardLayout.statusPairs - 1 ? nil : Int(code)
                counts[name, default: [:]][status, default: 0] += count
            }
            var latency =
                latencies[name]
                ?? PoolStatus.RouteLatency(
                    route: name, buckets: Array(repeating: 0, count: ScoreboardLayout.bucketCount), sumMicros: 0,
                    count: 0)
            for bucket in 0..<ScoreboardLayout.bucketCount {
                latency.buckets[bucket] += Int(memory.load(offset + R.buckets + bucket * 8))
            }
            latency.sumMicros += Int(memory.load(offset + R.sumMicros))
            latency.count += Int(memory.load(offset + R.count))
            latencies[name] = latency
        }
        let statusCounts = counts.flatMap { route, statuses in
            statuses.map { PoolStatus.RouteStatusCount(route: route, status: $0.key, count: $0.value) }
        }.sorted { ($0.route, $0.status ?? 1000) < ($1.route, $1.status ?? 1000) }
        return (statusCounts, latencies.values.sorted { $0.route < $1.route })
    }
}

public import Settings

extension PoolConfiguration {
    /// The environment keys this configuration reads, in the order ``effectiveSettings`` lists them.
    public static let environmentKeys = [
        "CODEZERO_POOL", "CODEZERO_PM", "CODEZERO_PM_MAX_CHILDREN", "CODEZERO_PM_START_SERVERS",
        "CODEZERO_PM_MIN_SPARE", "CODEZERO_PM_MAX_SPARE", "CODEZERO_PM_MAX_SPAWN_RATE", "CODEZERO_PM_MAX_REQUESTS",
        "CODEZERO_REQUEST_TIMEOUT", "CODEZERO_SLOW_REQUEST", "CODEZERO_LISTEN_BACKLOG", "CODEZERO_STOP_TIMEOUT",
        "CODEZERO_PM_CRASH_THRESHOLD", "CODEZERO_PM_CRASH_WINDOW", "CODEZERO_SCOREBOARD",
    ]

    /// The range every worker count accepts (`CODEZERO_WORKERS`, `CODEZERO_PM_MAX_CHILDREN`, spares).
    public static let workerRange = 1...1024

    /// Reads the pool settings from `environment` and validates all of them at once (as
    /// ``read(from:varDirectory:absolute:)`` does inside the App's one configuration reader).
    public static func load(environment: [String: String]) throws(PoolConfigurationError) -> PoolConfiguration {
        var reader = SettingsReader(environment: environment)
        let configuration = read(from: &reader, varDirectory: reader.text("CODEZERO_VAR") ?? "./var") { $0 }
        guard reader.problems.isEmpty else { throw PoolConfigurationError(problems: reader.problems) }
        return configuration
    }

    /// Reads the pool settings with `reader`, recording every problem with its key there.
    ///
    /// `CODEZERO_WORKERS` is the default of `CODEZERO_PM_MAX_CHILDREN`; the scoreboard defaults to
    /// `varDirectory/run/pool.scoreboard`; `absolute` resolves a configured scoreboard path.
    public static func read(
        from reader: inout SettingsReader, varDirectory: String, absolute: (String) -> String
    ) -> PoolConfiguration {
        let defaults = PoolConfiguration()
        let name = reader.text("CODEZERO_POOL") ?? defaults.name
        if name.utf8.count > 31 || name.contains(where: { $0 == "\n" || $0 == "\"" }) {
            reader.problem("CODEZERO_POOL", "must be at most 31 bytes without quotes or newlines")
        }
        let style = reader.choice("CODEZERO_PM", default: defaults.style)
        let range = workerRange
        let workers = reader.integer("CODEZERO_WORKERS", default: defaults.maxChildren, in: range)
        let maxChildren = reader.integer("CODEZERO_PM_MAX_CHILDREN", default: workers, in: range)
        let minSpare = reader.integer("CODEZERO_PM_MIN_SPARE", default: defaults.minSpare, in: range)
        let maxSpare = reader.integer("CODEZERO_PM_MAX_SPARE", default: max(minSpare, maxChildren / 2), in: range)
        let startServers = reader.integer(
            "CODEZERO_PM_START_SERVERS", default: minSpare + max(0, maxSpare - minSpare) / 2, in: range)
        let maxSpawnRate = reader.integer("CODEZERO_PM_MAX_SPAWN_RATE", default: defaults.maxSpawnRate, in: range)
        let maxRequests = reader.integer("CODEZERO_PM_MAX_REQUESTS", default: 0, in: 0...Int(Int32.max))
        let timeout = reader.seconds("CODEZERO_REQUEST_TIMEOUT", default: defaults.requestTimeout, in: 0...86_400)
        let slow = reader.seconds("CODEZERO_SLOW_REQUEST", default: defaults.slowRequestThreshold, in: 0...86_400)
        let backlog = reader.integer("CODEZERO_LISTEN_BACKLOG", default: defaults.listenBacklog, in: 1...65535)
        let stopTimeout = reader.seconds("CODEZERO_STOP_TIMEOUT", default: defaults.stopTimeout, in: 0.001...3600)
        let crashThreshold = reader.integer(
            "CODEZERO_PM_CRASH_THRESHOLD", default: max(4, maxChildren * 2), in: 1...100_000)
        let crashWindow = reader.seconds("CODEZERO_PM_CRASH_WINDOW", default: defaults.crashWindow, in: 0.001...86_400)
        var scoreboard = "\(varDirectory)/run/pool.scoreboard"
        if let configured = reader.text("CODEZERO_SCOREBOARD") {
            if configured.hasPrefix("/") || configured.hasPrefix(".") {
                scoreboard = absolute(configured)
            } else {
                reader.problem("CODEZERO_SCOREBOARD", "must be a path (absolute or starting with .)")
            }
        }
        if style == .dynamic {
            if maxSpare > maxChildren {
                reader.problem("CODEZERO_PM_MAX_SPARE", "\(maxSpare) exceeds CODEZERO_PM_MAX_CHILDREN (\(maxChildren))")
            }
            if minSpare > maxSpare {
                reader.problem("CODEZERO_PM_MIN_SPARE", "\(minSpare) exceeds CODEZERO_PM_MAX_SPARE (\(maxSpare))")
            }
            if startServers < minSpare || startServers > maxSpare {
                reader.problem(
                    "CODEZERO_PM_START_SERVERS",
                    "\(startServers) must lie between CODEZERO_PM_MIN_SPARE (\(minSpare)) and "
                        + "CODEZERO_PM_MAX_SPARE (\(maxSpare))")
            }
        }
        if timeout > 0 && slow >= timeout {
            reader.problem("CODEZERO_SLOW_REQUEST", "\(slow) s must be below CODEZERO_REQUEST_TIMEOUT (\(timeout) s)")
        }
        return PoolConfiguration(
            name: name, style: style, maxChildren: maxChildren, startServers: startServers, minSpare: minSpare,
            maxSpare: maxSpare, maxSpawnRate: maxSpawnRate, maxRequests: maxRequests, requestTimeout: timeout,
            slowRequestThreshold: slow, listenBacklog: backlog, stopTimeout: stopTimeout,
            crashThreshold: crashThreshold, crashWindow: crashWindow, scoreboardPath: scoreboard)
    }

    /// The effective settings as `(key, value)` pairs, like `php-fpm -t` prints them. Nothing here is secret.
    public var effectiveSettings: [(key: String, value: String)] {
        [
            ("CODEZERO_POOL", name), ("CODEZERO_PM", style.rawValue), ("CODEZERO_PM_MAX_CHILDREN", "\(maxChildren)"),
            ("CODEZERO_PM_START_SERVERS", "\(startServers)"), ("CODEZERO_PM_MIN_SPARE", "\(minSpare)"),
            ("CODEZERO_PM_MAX_SPARE", "\(maxSpare)"), ("CODEZERO_PM_MAX_SPAWN_RATE", "\(maxSpawnRate)"),
            ("CODEZERO_PM_MAX_REQUESTS", "\(maxRequests)"), ("CODEZERO_REQUEST_TIMEOUT", "\(requestTimeout)"),
            ("CODEZERO_SLOW_REQUEST", "\(slowRequestThreshold)"), ("CODEZERO_LISTEN_BACKLOG", "\(listenBacklog)"),
            ("CODEZERO_STOP_TIMEOUT", "\(stopTimeout)"), ("CODEZERO_PM_CRASH_THRESHOLD", "\(crashThreshold)"),
            ("CODEZERO_PM_CRASH_WINDOW", "\(crashWindow)"), ("CODEZERO_SCOREBOARD", scoreboardPath),
        ]
    }
}

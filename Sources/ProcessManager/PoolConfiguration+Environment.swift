extension PoolConfiguration {
    /// The environment keys this configuration reads, in the order ``effectiveSettings`` lists them.
    public static let environmentKeys = [
        "CODEZERO_POOL", "CODEZERO_PM", "CODEZERO_PM_MAX_CHILDREN", "CODEZERO_PM_START_SERVERS",
        "CODEZERO_PM_MIN_SPARE", "CODEZERO_PM_MAX_SPARE", "CODEZERO_PM_MAX_SPAWN_RATE", "CODEZERO_PM_MAX_REQUESTS",
        "CODEZERO_REQUEST_TIMEOUT", "CODEZERO_SLOW_REQUEST", "CODEZERO_LISTEN_BACKLOG", "CODEZERO_STOP_TIMEOUT",
        "CODEZERO_PM_CRASH_THRESHOLD", "CODEZERO_PM_CRASH_WINDOW", "CODEZERO_SCOREBOARD",
    ]

    /// Reads the pool settings from `environment` and validates all of them at once.
    ///
    /// `CODEZERO_WORKERS` is the default of `CODEZERO_PM_MAX_CHILDREN`. Throws ``PoolConfigurationError``
    /// listing every problem with its key.
    public static func load(environment: [String: String]) throws(PoolConfigurationError) -> PoolConfiguration {
        var reader = EnvironmentReader(environment: environment)
        let defaults = PoolConfiguration()
        let name = environment["CODEZERO_POOL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaults.name
        if name.utf8.count > 31 || name.contains(where: { $0 == "\n" || $0 == "\"" }) {
            reader.problem("CODEZERO_POOL", "must be at most 31 bytes without quotes or newlines")
        }
        var style = defaults.style
        if let text = environment["CODEZERO_PM"], !text.isEmpty {
            if let parsed = Style(rawValue: text) {
                style = parsed
            } else {
                reader.problem("CODEZERO_PM", "'\(text)' is not one of static, dynamic")
            }
        }
        let workers = reader.integer("CODEZERO_WORKERS", default: defaults.maxChildren, range: 1...1024)
        let maxChildren = reader.integer("CODEZERO_PM_MAX_CHILDREN", default: workers, range: 1...1024)
        let minSpare = reader.integer("CODEZERO_PM_MIN_SPARE", default: defaults.minSpare, range: 1...1024)
        let maxSpare = reader.integer(
            "CODEZERO_PM_MAX_SPARE", default: max(minSpare, maxChildren / 2), range: 1...1024)
        let startServers = reader.integer(
            "CODEZERO_PM_START_SERVERS", default: minSpare + max(0, maxSpare - minSpare) / 2, range: 1...1024)
        let maxSpawnRate = reader.integer("CODEZERO_PM_MAX_SPAWN_RATE", default: defaults.maxSpawnRate, range: 1...1024)
        let maxRequests = reader.integer("CODEZERO_PM_MAX_REQUESTS", default: 0, range: 0...Int(Int32.max))
        let timeout = reader.seconds("CODEZERO_REQUEST_TIMEOUT", default: defaults.requestTimeout)
        let slow = reader.seconds("CODEZERO_SLOW_REQUEST", default: defaults.slowRequestThreshold)
        let backlog = reader.integer("CODEZERO_LISTEN_BACKLOG", default: defaults.listenBacklog, range: 1...65535)
        let stopTimeout = reader.seconds("CODEZERO_STOP_TIMEOUT", default: defaults.stopTimeout)
        let crashThreshold = reader.integer(
            "CODEZERO_PM_CRASH_THRESHOLD", default: max(4, maxChildren * 2), range: 1...100_000)
        let crashWindow = reader.seconds("CODEZERO_PM_CRASH_WINDOW", default: defaults.crashWindow)
        let varDirectory = environment["CODEZERO_VAR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./var"
        let scoreboard =
            environment["CODEZERO_SCOREBOARD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(varDirectory)/run/pool.scoreboard"

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
        if stopTimeout == 0 {
            reader.problem("CODEZERO_STOP_TIMEOUT", "must be above 0")
        }
        if crashWindow == 0 {
            reader.problem("CODEZERO_PM_CRASH_WINDOW", "must be above 0")
        }
        if !scoreboard.hasPrefix("/") && !scoreboard.hasPrefix(".") {
            reader.problem("CODEZERO_SCOREBOARD", "must be a path (absolute or starting with .)")
        }
        guard reader.problems.isEmpty else { throw PoolConfigurationError(problems: reader.problems) }
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

/// Parses environment values and collects problems instead of stopping at the first.
private struct EnvironmentReader {
    let environment: [String: String]
    var problems: [PoolConfigurationError.Problem] = []

    mutating func problem(_ key: String, _ message: String) {
        problems.append(PoolConfigurationError.Problem(key: key, message: message))
    }

    mutating func integer(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard let text = environment[key], !text.isEmpty else { return value }
        guard let parsed = Int(text) else {
            problem(key, "'\(text)' is not a whole number")
            return value
        }
        guard range.contains(parsed) else {
            problem(key, "\(parsed) is outside \(range.lowerBound)...\(range.upperBound)")
            return value
        }
        return parsed
    }

    /// Seconds as a number, optionally with an `s` or `ms` suffix.
    mutating func seconds(_ key: String, default value: Double) -> Double {
        guard let text = environment[key], !text.isEmpty else { return value }
        var number = Substring(text)
        var scale = 1.0
        if number.hasSuffix("ms") {
            number = number.dropLast(2)
            scale = 0.001
        } else if number.hasSuffix("s") {
            number = number.dropLast()
        }
        guard let parsed = Double(number), parsed.isFinite, parsed >= 0, parsed <= 86_400 / scale else {
            problem(key, "'\(text)' is not a number of seconds between 0 and 86400")
            return value
        }
        return parsed * scale
    }
}

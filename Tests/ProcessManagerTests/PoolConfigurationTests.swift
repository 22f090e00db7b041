import Settings
import Testing

@testable import ProcessManager

/// Loading the pool settings from the environment: defaults, parsing, and every problem named by its key.
@Suite struct PoolConfigurationTests {
    @Test func defaultsFollowPHPFPMAndTheContract() throws {
        let configuration = try PoolConfiguration.load(environment: [:])
        #expect(configuration.style == .static)
        #expect(configuration.maxChildren == 4)
        #expect(configuration.initialWorkers == 4)
        #expect(configuration.requestTimeout == 30)
        #expect(configuration.slowRequestThreshold == 5)
        #expect(configuration.maxRequests == 0)
        #expect(configuration.scoreboardPath == "./var/run/pool.scoreboard")
    }

    @Test func workersIsTheDefaultOfMaxChildrenAndVarPlacesTheScoreboard() throws {
        let configuration = try PoolConfiguration.load(environment: [
            "CODEZERO_WORKERS": "7", "CODEZERO_VAR": "/srv/cz",
        ])
        #expect(configuration.maxChildren == 7)
        #expect(configuration.scoreboardPath == "/srv/cz/run/pool.scoreboard")
        let explicit = try PoolConfiguration.load(environment: [
            "CODEZERO_WORKERS": "7", "CODEZERO_PM_MAX_CHILDREN": "3",
        ])
        #expect(explicit.maxChildren == 3)
    }

    @Test func aDynamicPoolReadsItsSpareSettings() throws {
        let configuration = try PoolConfiguration.load(environment: [
            "CODEZERO_PM": "dynamic", "CODEZERO_PM_MAX_CHILDREN": "20", "CODEZERO_PM_MIN_SPARE": "2",
            "CODEZERO_PM_MAX_SPARE": "6", "CODEZERO_PM_MAX_REQUESTS": "500", "CODEZERO_REQUEST_TIMEOUT": "1500ms",
            "CODEZERO_SLOW_REQUEST": "0.5s", "CODEZERO_LISTEN_BACKLOG": "1024",
        ])
        #expect(configuration.style == .dynamic)
        #expect(configuration.startServers == 4, "PHP-FPM's default: min + (max - min) / 2")
        #expect(configuration.initialWorkers == 4)
        #expect(configuration.maxRequests == 500)
        #expect(configuration.requestTimeout == 1.5)
        #expect(configuration.slowRequestThreshold == 0.5)
        #expect(configuration.listenBacklog == 1024)
    }

    @Test(arguments: [
        (["CODEZERO_PM": "ondemand"], ["CODEZERO_PM"]),
        (["CODEZERO_PM_MAX_CHILDREN": "0"], ["CODEZERO_PM_MAX_CHILDREN"]),
        (["CODEZERO_PM_MAX_CHILDREN": "four"], ["CODEZERO_PM_MAX_CHILDREN"]),
        (["CODEZERO_WORKERS": "-1"], ["CODEZERO_WORKERS"]),
        (["CODEZERO_PM_MAX_REQUESTS": "-5"], ["CODEZERO_PM_MAX_REQUESTS"]),
        (["CODEZERO_REQUEST_TIMEOUT": "soon"], ["CODEZERO_REQUEST_TIMEOUT"]),
        (["CODEZERO_REQUEST_TIMEOUT": "10", "CODEZERO_SLOW_REQUEST": "10"], ["CODEZERO_SLOW_REQUEST"]),
        (["CODEZERO_LISTEN_BACKLOG": "0"], ["CODEZERO_LISTEN_BACKLOG"]),
        (["CODEZERO_STOP_TIMEOUT": "0"], ["CODEZERO_STOP_TIMEOUT"]),
        (["CODEZERO_POOL": String(repeating: "p", count: 40)], ["CODEZERO_POOL"]),
        (["CODEZERO_SCOREBOARD": "relative/file"], ["CODEZERO_SCOREBOARD"]),
        (
            ["CODEZERO_PM": "dynamic", "CODEZERO_PM_MAX_CHILDREN": "4", "CODEZERO_PM_MAX_SPARE": "8"],
            ["CODEZERO_PM_MAX_SPARE"]
        ),
        (
            ["CODEZERO_PM": "dynamic", "CODEZERO_PM_START_SERVERS": "9", "CODEZERO_PM_MAX_CHILDREN": "10"],
            ["CODEZERO_PM_START_SERVERS"]
        ),
        (
            ["CODEZERO_PM": "dynamic", "CODEZERO_PM_MIN_SPARE": "3", "CODEZERO_PM_MAX_SPARE": "2"],
            ["CODEZERO_PM_MIN_SPARE", "CODEZERO_PM_START_SERVERS"]
        ),
        (
            ["CODEZERO_PM_MAX_CHILDREN": "x", "CODEZERO_PM_MAX_SPAWN_RATE": "0", "CODEZERO_PM_CRASH_WINDOW": "-1"],
            ["CODEZERO_PM_MAX_CHILDREN", "CODEZERO_PM_MAX_SPAWN_RATE", "CODEZERO_PM_CRASH_WINDOW"]
        ),
    ])
    func everyProblemIsNamedByItsKey(environment: [String: String], keys: [String]) {
        #expect {
            _ = try PoolConfiguration.load(environment: environment)
        } throws: { error in
            guard let error = error as? PoolConfigurationError else { return false }
            return Set(error.problems.map(\.key)) == Set(keys) && error.description.contains(keys[0] + ": ")
        }
    }

    @Test func theSameSettingsInAStaticPoolAreNotCheckedForSpares() throws {
        let configuration = try PoolConfiguration.load(environment: [
            "CODEZERO_PM_MAX_CHILDREN": "2", "CODEZERO_PM_MAX_SPARE": "8",
        ])
        #expect(configuration.maxChildren == 2)
    }

    @Test func effectiveSettingsListEveryKeyOnce() throws {
        let settings = try PoolConfiguration.load(environment: ["CODEZERO_PM_MAX_REQUESTS": "9"]).effectiveSettings
        #expect(settings.map(\.key) == PoolConfiguration.environmentKeys)
        #expect(settings.first { $0.key == "CODEZERO_PM_MAX_REQUESTS" }?.value == "9")
    }
}

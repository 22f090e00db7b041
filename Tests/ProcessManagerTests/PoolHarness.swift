import Logging
import Synchronization
import Testing

@testable import ProcessManager

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a real ``PoolMaster`` on its own thread with `/bin/sh` scripts as workers. Each worker records its
/// pid in the harness folder (`slot-N.pid` and the `pids` list), so tests can kill it or play its requests
/// through its scoreboard slot. Signals go to the master thread with `pthread_kill`.
final class PoolHarness: @unchecked Sendable {
    let directory: String
    let configuration: PoolConfiguration
    let scoreboard: Scoreboard
    let logs = LogStore()
    private var thread = pthread_t()
    private var master: PoolMaster?
    private(set) var exitCode: Int32 = -1
    private var joined = false

    /// `script` runs as the worker; `$$` is its pid. It is prefixed by the pid bookkeeping.
    init(script: String, configure: (inout PoolConfiguration) -> Void = { _ in }) throws {
        var template = Array("/tmp/codezero-pool-XXXXXX".utf8CString)
        directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        var configuration = PoolConfiguration(
            maxChildren: 2, requestTimeout: 1, slowRequestThreshold: 0.5, stopTimeout: 5,
            scoreboardPath: "\(directory)/pool.scoreboard")
        configure(&configuration)
        self.configuration = configuration
        scoreboard = try Scoreboard.create(configuration: configuration)
        let bookkeeping = "echo $$ > \(directory)/slot-$CODEZERO_SCOREBOARD_SLOT.pid; echo $$ >> \(directory)/pids; "
        let spawner = WorkerSpawner(
            executable: "/bin/sh", arguments: ["-c", bookkeeping + script], listeningDescriptor: 2)
        let store = logs
        let logger = Logger(label: "pool-test") { _ in CapturingLogHandler(store: store) }
        master = PoolMaster(
            configuration: configuration, spawner: spawner, notifier: SystemdNotifier(environment: [:]), logger: logger,
            scoreboard: scoreboard)
    }

    func start() throws {
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(
            &thread, nil,
            { raw in
                let harness = Unmanaged<PoolHarness>.fromOpaque(raw!).takeRetainedValue()
                harness.exitCode = (try? harness.master?.run()) ?? -2
                return nil
            }, context)
        try #require(result == 0)
    }

    /// Sends `signal` to the master (only once it blocks signals, i.e. after its first worker started).
    func signal(_ signal: Int32) { pthread_kill(thread, signal) }

    /// Waits for the master to return.
    func join() {
        guard !joined else { return }
        pthread_join(thread, nil)
        joined = true
    }

    /// Every worker pid ever started, in order.
    var startedPids: [Int32] {
        read("pids").split(separator: "\n").compactMap { Int32($0) }
    }

    /// The pid currently recorded for `slot`.
    func pid(slot: Int) -> Int32? { Int32(read("slot-\(slot).pid").split(separator: "\n").first ?? "") }

    func read(_ name: String) -> String {
        guard let file = fopen("\(directory)/\(name)", "r") else { return "" }
        defer { fclose(file) }
        var out = ""
        var buffer = [CChar](repeating: 0, count: 256)
        while fgets(&buffer, 256, file) != nil {
            out += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return out
    }

    /// Stops the pool (if still running) and waits; the tests' safety net.
    func stop() {
        if !joined {
            signal(SIGTERM)
            join()
        }
    }
}

/// Polls `condition` every 20 ms for up to `seconds`.
func eventually(_ seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = MonotonicInstant.now().advanced(bySeconds: seconds)
    while MonotonicInstant.now() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

/// Whether `pid` is still a live (not yet reaped or zombie-free) process.
func isAlive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

/// Log lines captured from the master, `message key=value ...`.
final class LogStore: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
    func contains(_ text: String) -> Bool { all.contains { $0.contains(text) } }
}

struct CapturingLogHandler: LogHandler {
    let store: LogStore
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
            separator: " ")
        store.append("\(level) \(message) \(fields)")
    }
}

/// `/proc/<pid>/stat`'s state letter and parent, for failure messages.
func processState(_ pid: Int32) -> String {
    guard let file = fopen("/proc/\(pid)/stat", "r") else { return "\(pid): gone" }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 512)
    guard fgets(&buffer, 512, file) != nil else { return "\(pid): ?" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

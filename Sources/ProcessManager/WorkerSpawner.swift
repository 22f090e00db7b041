import CLinux
import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// Starts worker processes (``SystemCall/spawn(_:arguments:environment:options:)``): the executable resolved at start-up, the listening socket as
/// fd 0 (FastCGI's convention), standard output and error inherited, a clean signal mask.
public struct WorkerSpawner: Sendable {
    /// Absolute path of the `codezero` binary.
    public let executable: String
    /// Arguments after the program name, e.g. `["worker"]`.
    public let arguments: [String]
    /// The listening socket handed to each worker.
    public let listeningDescriptor: Int32

    /// Creates a spawner.
    public init(executable: String, arguments: [String], listeningDescriptor: Int32) {
        self.executable = executable
        self.arguments = arguments
        self.listeningDescriptor = listeningDescriptor
    }

    /// Spawns one worker with `extraEnvironment` added to the master's environment; returns its pid.
    public func spawn(extraEnvironment: [String: String]) throws -> Int32 {
        var environment: [String: String] = [:]
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            index += 1
        }
        for (key, value) in extraEnvironment { environment[key] = value }

        return try SystemCall.spawn(
            executable, arguments: [executable] + arguments,
            environment: environment.map { "\($0.key)=\($0.value)" },
            options: SpawnOptions(
                fileActions: [.duplicate(listeningDescriptor, as: 0)],
                defaultSignals: [SIGCHLD, SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGPIPE]))
    }
}

import CLinux
import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// Starts worker processes with `posix_spawn`: the executable resolved at start-up, the listening socket as
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
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_adddup2(&fileActions, listeningDescriptor, 0)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGCHLD, SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGPIPE] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

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

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &fileActions, &attributes, argv, envp)
        guard result == 0 else { throw SystemError("posix_spawn", errno: result, context: executable) }
        return pid
    }
}

#if canImport(Glibc)
    internal import Glibc
#endif

extension SystemCall {
    /// Starts `executable` with `arguments` (the whole argument vector, program name first) and exactly
    /// `environment` (`NAME=value` entries) using `posix_spawn`; returns the child's pid.
    ///
    /// The one place processes are started: the child gets an empty signal mask and default handlers for
    /// ``SpawnOptions/defaultSignals``, and the descriptor changes of ``SpawnOptions/fileActions``.
    public static func spawn(
        _ executable: String, arguments: [String], environment: [String], options: SpawnOptions = SpawnOptions()
    ) throws(SystemError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for action in options.fileActions {
            switch action {
            case .open(let descriptor, let path, let flags):
                posix_spawn_file_actions_addopen(&actions, descriptor, path, flags, 0)
            case .duplicate(let descriptor, let target):
                posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        if let signals = options.defaultSignals {
            sigemptyset(&defaults)
            for signal in signals { sigaddset(&defaults, signal) }
        } else {
            sigfillset(&defaults)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = CStringArray(arguments, nilTerminated: true)
        let envp = CStringArray(environment, nilTerminated: true)
        var pid: pid_t = 0
        let result = withExtendedLifetime((argv, envp)) {
            let argumentPointers = argv.pointers.map { UnsafeMutablePointer(mutating: $0) }
            let environmentPointers = envp.pointers.map { UnsafeMutablePointer(mutating: $0) }
            return options.searchPath
                ? posix_spawnp(&pid, executable, &actions, &attributes, argumentPointers, environmentPointers)
                : posix_spawn(&pid, executable, &actions, &attributes, argumentPointers, environmentPointers)
        }
        guard result == 0 else { throw SystemError("posix_spawn", errno: result, context: executable) }
        return pid
    }
}

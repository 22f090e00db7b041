import Postgres
import SystemCalls

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Runs a program with posix_spawn and captures its standard output and error together.
enum ProcessRunner {
    struct Output {
        var status: Int32
        var text: String
        var succeeded: Bool { status == 0 }
    }

    /// Runs `arguments[0]` (a path, or a name looked up in PATH) with a small fixed environment.
    static func run(_ arguments: [String]) throws -> Output {
        var pipeEnds: [Int32] = [0, 0]
        // A socket pair rather than pipe(2): it is created close-on-exec atomically, so a program that
        // another thread spawns at the same moment cannot inherit it and hold our reader open.
        #if canImport(Glibc)
            let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let socketType = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, socketType, 0, &pipeEnds) == 0 else { throw failure("socketpair", arguments) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = CStringArray(arguments, nilTerminated: true)
        let environment = CStringArray(Self.environment(), nilTerminated: true)
        var pid: pid_t = 0
        let spawned = withExtendedLifetime((argv, environment)) {
            posix_spawnp(
                &pid, arguments[0], &actions, &attributes,
                argv.pointers.map { UnsafeMutablePointer(mutating: $0) },
                environment.pointers.map { UnsafeMutablePointer(mutating: $0) })
        }
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        guard spawned == 0 else {
            errno = spawned
            throw failure("could not start", arguments)
        }
        let text = String(decoding: (try? SystemCall.readAll(pipeEnds[0])) ?? [], as: UTF8.self)
        let status: Int32
        do {
            status = try SystemCall.waitForExit(pid)
        } catch {
            throw PostgresError(code: .clusterFailed, message: "waitpid \(arguments.first ?? ""): \(error)")
        }
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(status: exitCode, text: text)
    }

    /// PATH and TZ from our environment, C locale; nothing else (no PG* variables leak in).
    private static func environment() -> [String] {
        var result = ["LC_ALL=C"]
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        result.append("PATH=\(path):/usr/sbin:/sbin")
        if let zone = getenv("TZ") { result.append("TZ=\(String(cString: zone))") }
        return result
    }

    private static func failure(_ what: String, _ arguments: [String]) -> PostgresError {
        let reason = String(cString: strerror(errno))
        return PostgresError(code: .clusterFailed, message: "\(what) \(arguments.first ?? ""): \(reason)")
    }
}

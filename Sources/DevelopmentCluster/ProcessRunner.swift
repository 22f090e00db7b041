import Postgres
import SystemCalls

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Runs a program (``SystemCall/spawn(_:arguments:environment:options:)``) and captures its standard output and error together.
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
        let spawned: Int32
        do throws(SystemError) {
            spawned = try SystemCall.spawn(
                arguments[0], arguments: arguments, environment: Self.environment(),
                options: SpawnOptions(
                    fileActions: [
                        .open(descriptor: 0, path: "/dev/null", flags: O_RDONLY), .duplicate(pipeEnds[1], as: 1),
                        .duplicate(pipeEnds[1], as: 2),
                    ],
                    searchPath: true))
        } catch {
            close(pipeEnds[1])
            close(pipeEnds[0])
            let reason = String(cString: strerror(error.errno))
            throw PostgresError(code: .clusterFailed, message: "could not start \(arguments.first ?? ""): \(reason)")
        }
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        let pid = spawned
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

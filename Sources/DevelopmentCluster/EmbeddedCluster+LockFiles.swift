import PlainText
import Postgres

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

extension EmbeddedCluster {
    /// The process id recorded in `postmaster.pid`, if the file exists.
    func postmasterPID() -> pid_t? {
        guard let text = FileSystem.readText(dataDirectory + "/postmaster.pid"),
            let firstLine = text.split(separator: "\n").first
        else { return nil }
        return pid_t(firstLine.trimmedWhitespace)
    }

    /// Removes `postmaster.pid` and the socket lock file when the process they name is not a live
    /// PostgreSQL server (after a crash, or when its pid was reused by another program).
    func removeStaleLockFiles() throws {
        let lockFiles = [dataDirectory + "/postmaster.pid", socketPath + ".lock"]
        for lockFile in lockFiles where FileSystem.exists(lockFile) {
            let text = FileSystem.readText(lockFile) ?? ""
            let pid = text.split(separator: "\n").first.flatMap { pid_t($0.trimmedWhitespace) }
            if let pid, Self.isPostgresProcess(pid) { continue }
            try FileSystem.removeTree(lockFile)
        }
    }

    /// Whether `pid` is alive (not a zombie) and is a PostgreSQL server process.
    static func isPostgresProcess(_ pid: pid_t) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        #if os(Linux)
            // /proc/<pid>/stat is "pid (comm) state ...": a killed server that nobody reaped yet is a zombie.
            guard let stat = FileSystem.readText("/proc/\(pid)/stat"),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { return false }
            let name = stat[stat.index(after: open)..<close]
            let state = stat[stat.index(after: close)...].trimmedWhitespace.first
            return name.hasPrefix("postgres") && state != "Z" && state != "X"
        #else
            return true
        #endif
    }

    /// Whether a server answers at `connectionString` (accepting, or up but refusing us).
    static func ping(_ connectionString: String) -> Bool {
        PostgresConnection.serverAnswers(at: connectionString)
    }
}

import PlainText
import Postgres

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Where PostgreSQL's server programs are, and as whom they run.
struct ClusterTools {
    /// The OS account the server runs as when this process is root.
    struct Account {
        var name: String
        var uid: uid_t
        var gid: gid_t
    }

    let binDirectory: String
    /// Non-nil when this process is root: programs then run as this account through `runuser`.
    let serverAccount: Account?
    let runuser: String?

    /// Finds the binaries (explicit directory, `pg_config --bindir`, highest `/usr/lib/postgresql/*/bin`)
    /// and, when root, the `postgres` account and `runuser`.
    static func resolve(binDirectory explicit: String?) throws -> ClusterTools {
        let binDirectory = try findBinDirectory(explicit)
        guard geteuid() == 0 else { return ClusterTools(binDirectory: binDirectory, serverAccount: nil, runuser: nil) }
        guard let entry = getpwnam("postgres") else {
            throw PostgresError(
                code: .clusterFailed,
                message: "running as root, PostgreSQL must run as the OS user 'postgres', which does not exist "
                    + "(install Debian's postgresql package, or run as an ordinary user)")
        }
        let account = Account(name: "postgres", uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
        let candidates = ["/usr/sbin/runuser", "/sbin/runuser"]
        guard let runuser = candidates.first(where: { path in access(path, X_OK) == 0 }) else {
            throw PostgresError(code: .clusterFailed, message: "running as root needs /usr/sbin/runuser (util-linux)")
        }
        return ClusterTools(binDirectory: binDirectory, serverAccount: account, runuser: runuser)
    }

    /// Runs one of the server programs (as the server account when root) and captures its output.
    func run(_ program: String, _ arguments: [String]) throws -> ProcessRunner.Output {
        var command = [binDirectory + "/" + program] + arguments
        if let account = serverAccount, let runuser {
            command = [runuser, "-u", account.name, "--"] + command
        }
        return try ProcessRunner.run(command)
    }

    /// Runs a system program (looked up in PATH) as the server account when root, e.g. `cp`.
    func runSystem(_ command: [String]) throws -> ProcessRunner.Output {
        if let account = serverAccount, let runuser {
            return try ProcessRunner.run([runuser, "-u", account.name, "--"] + command)
        }
        return try ProcessRunner.run(command)
    }

    private static func findBinDirectory(_ explicit: String?) throws -> String {
        if let explicit {
            guard hasServerPrograms(explicit) else {
                throw PostgresError(
                    code: .clusterFailed, message: "\(explicit) does not contain PostgreSQL's initdb and pg_ctl")
            }
            return explicit
        }
        if let output = try? ProcessRunner.run(["pg_config", "--bindir"]), output.succeeded {
            let directory = output.text.trimmedWhitespace
            if hasServerPrograms(directory) { return directory }
        }
        let versions = FileSystem.list("/usr/lib/postgresql").compactMap { Int($0) }.sorted(by: >)
        for version in versions where hasServerPrograms("/usr/lib/postgresql/\(version)/bin") {
            return "/usr/lib/postgresql/\(version)/bin"
        }
        throw PostgresError(
            code: .clusterFailed,
            message: "PostgreSQL's server programs (initdb, pg_ctl) were not found via pg_config or in "
                + "/usr/lib/postgresql/*/bin; install them (Debian: apt-get install postgresql)")
    }

    private static func hasServerPrograms(_ directory: String) -> Bool {
        access(directory + "/initdb", X_OK) == 0 && access(directory + "/pg_ctl", X_OK) == 0
    }
}

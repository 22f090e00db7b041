import Postgres
import SystemCalls

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// A private PostgreSQL cluster in a directory: the development database and the tests' throwaway one.
///
/// Layout under ``directory`` (the contract uses `$CODEZERO_VAR/postgres`):
/// `data/` (the cluster), `socket/` (mode 0700, the only way in: `listen_addresses=''`, no TCP),
/// `postgresql.log`. The cluster is created with `initdb -U codezero -E UTF8 --auth=trust` on first
/// ``start()``, which also creates the database `codezero`; connect with ``connectionString``.
///
/// ``start()`` and ``stop()`` are idempotent, and a `postmaster.pid` left behind by a crash does not
/// wedge ``start()``. PostgreSQL refuses to run as root: when this process is root, `initdb`,
/// `pg_ctl` and the server run as the `postgres` OS user (through `runuser`), the cluster directory
/// is given to that user, and every parent directory must be traversable by it.
///
/// ```swift
/// let cluster = EmbeddedCluster(directory: "\(varDirectory)/postgres")
/// try cluster.start()
/// let connection = PostgresConnection(cluster.connectionString)
/// ```
public struct EmbeddedCluster: Sendable {
    /// The superuser role created by initdb.
    public static let user = "codezero"
    /// The database created on first start.
    public static let database = "codezero"

    /// The cluster's own directory (absolute).
    public let directory: String
    /// The directory holding `initdb`, `pg_ctl` and `postgres`; nil means look it up (see ``init(directory:binDirectory:port:durable:settings:)``).
    public let binDirectory: String?
    /// The port number; with no TCP listener it only names the socket file `.s.PGSQL.<port>`.
    public let port: Int
    /// Whether the server syncs to disk. Tests pass false (`fsync=off`, `initdb --no-sync`) for speed.
    public let durable: Bool
    /// Extra server settings (`name: value`), e.g. `["max_connections": "50"]`.
    public let settings: [String: String]
    /// The directory of a cluster whose data directory is copied instead of running initdb (much
    /// faster); that cluster is initialized on demand and must never be started.
    public let templateDirectory: String?

    /// Describes a cluster in `directory`; nothing happens on disk until ``start()``.
    ///
    /// - Parameters:
    ///   - directory: where the cluster lives; made absolute against the current directory.
    ///   - binDirectory: PostgreSQL's server binaries. When nil: `pg_config --bindir` if it holds
    ///     `initdb`, else the highest `/usr/lib/postgresql/<version>/bin`.
    ///   - durable: false turns off fsync and full-page writes (throwaway clusters only).
    ///   - template: copy this (never started) cluster's data directory instead of running initdb.
    public init(
        directory: String, binDirectory: String? = nil, port: Int = 5432, durable: Bool = true,
        settings: [String: String] = [:], template: EmbeddedCluster? = nil
    ) {
        self.directory = FileSystem.absolute(directory)
        self.binDirectory = binDirectory
        self.port = port
        self.durable = durable
        self.settings = settings
        self.templateDirectory = template?.directory
    }

    /// The cluster's data directory.
    public var dataDirectory: String { directory + "/data" }
    /// The private directory holding the unix socket.
    public var socketDirectory: String { directory + "/socket" }
    /// The server's log file.
    public var logFile: String { directory + "/postgresql.log" }
    /// The unix socket's path; must stay under 100 bytes.
    public var socketPath: String { "\(socketDirectory)/.s.PGSQL.\(port)" }

    /// A libpq connection string for the `codezero` database.
    public var connectionString: String { connectionString(database: Self.database) }

    /// A libpq connection string for any database of this cluster.
    public func connectionString(database: String) -> String {
        "host=\(Self.quoted(socketDirectory)) port=\(port) dbname=\(Self.quoted(database)) user=\(Self.user)"
    }

    /// Whether the server answers on its socket.
    public func isRunning() -> Bool {
        Self.ping(connectionString(database: "postgres") + " connect_timeout=2")
    }

    /// Creates the cluster if needed, starts it if it is not running, and creates the `codezero`
    /// database if it is missing. Safe to call when it is already running.
    public func start() throws {
        let tools = try prepare()
        if !isRunning() {
            try removeStaleLockFiles()
            var output = try tools.run(
                "pg_ctl", ["start", "-w", "-t", "60", "-D", dataDirectory, "-l", logFile, "-o", serverOptions()])
            // After a crash (the postmaster SIGKILLed) its children may hold the shared memory for a moment longer;
            // the new server refuses to start while they do. Wait for them (up to 20 s), then start again.
            var attempts = 0
            while !output.succeeded && attempts < 40 && sharedMemoryStillInUse() {
                attempts += 1
                SystemCall.sleep(.milliseconds(500))
                try removeStaleLockFiles()
                output = try tools.run(
                    "pg_ctl", ["start", "-w", "-t", "60", "-D", dataDirectory, "-l", logFile, "-o", serverOptions()])
            }
            // Another process may be starting the same cluster at this moment: then wait for it.
            let startedElsewhere = { postmasterPID().map(Self.isPostgresProcess) ?? false }
            if !output.succeeded && !(startedElsewhere() && waitUntilRunning(seconds: 10)) {
                throw failure("pg_ctl start failed", output: output.text)
            }
        }
        try createDatabaseIfMissing()
    }

    /// Whether the server's last start failed because processes of a killed server still use its shared memory.
    private func sharedMemoryStillInUse() -> Bool {
        let tail = (FileSystem.readText(logFile) ?? "").split(separator: "\n").suffix(5)
        return tail.contains { $0.contains("pre-existing shared memory block") }
    }

    /// Stops the server (`pg_ctl stop -m fast`) if it is running. Safe to call when it is not.
    public func stop() throws {
        guard FileSystem.exists(dataDirectory + "/PG_VERSION") else { return }
        guard let pid = postmasterPID(), Self.isPostgresProcess(pid) else {
            try removeStaleLockFiles()
            return
        }
        let tools = try ClusterTools.resolve(binDirectory: binDirectory)
        let output = try tools.run("pg_ctl", ["stop", "-w", "-t", "60", "-m", "fast", "-D", dataDirectory])
        if !output.succeeded && isRunning() {
            throw failure("pg_ctl stop failed", output: output.text)
        }
    }

    /// Stops the server at once (`pg_ctl stop -m immediate`: no checkpoint, the data is going away)
    /// and removes the whole cluster directory. For throwaway clusters.
    public func destroy() throws {
        if let pid = postmasterPID(), Self.isPostgresProcess(pid) {
            let tools = try ClusterTools.resolve(binDirectory: binDirectory)
            _ = try tools.run("pg_ctl", ["stop", "-w", "-t", "60", "-m", "immediate", "-D", dataDirectory])
        }
        try FileSystem.removeTree(directory)
    }

    /// Creates the directories and the data directory (initdb, or a copy of ``template``) if missing,
    /// without starting the server. ``start()`` calls it; call it alone to prepare a template.
    public func initialize() throws {
        _ = try prepare()
    }

    /// Creates the cluster's directories (owned by the server account when root) but no data directory: the
    /// first step of a restore from a base backup.
    func initializeDirectoriesOnly() throws {
        try checkSocketPathLength()
        try prepareDirectories(try ClusterTools.resolve(binDirectory: binDirectory))
    }

    /// ``initialize()``, returning the resolved tools.
    private func prepare() throws -> ClusterTools {
        try checkSocketPathLength()
        let tools = try ClusterTools.resolve(binDirectory: binDirectory)
        try prepareDirectories(tools)
        if !FileSystem.exists(dataDirectory + "/PG_VERSION") {
            try createDataDirectory(tools)
        }
        return tools
    }

    // MARK: - Steps

    private func checkSocketPathLength() throws {
        guard socketPath.utf8.count < 100 else {
            throw PostgresError(
                code: .clusterFailed,
                message: "the unix socket path \(socketPath) is \(socketPath.utf8.count) bytes; it must stay "
                    + "under 100 (the kernel's limit is 107). Use a shorter cluster directory (CODEZERO_VAR).")
        }
    }

    private func prepareDirectories(_ tools: ClusterTools) throws {
        try FileSystem.makeDirectories(directory, mode: 0o700)
        try FileSystem.makeDirectories(socketDirectory, mode: 0o700)
        chmod(directory, 0o700)
        chmod(socketDirectory, 0o700)
        guard let account = tools.serverAccount else { return }
        let recursive = FileSystem.owner(directory) != account.uid
        try FileSystem.changeOwner(directory, uid: account.uid, gid: account.gid, recursive: recursive)
        try FileSystem.changeOwner(socketDirectory, uid: account.uid, gid: account.gid, recursive: false)
        if let blocker = FileSystem.firstUntraversableAncestor(of: directory, uid: account.uid, gid: account.gid) {
            throw PostgresError(
                code: .clusterFailed,
                message: "PostgreSQL runs as the OS user \(account.name) (this process is root) and cannot "
                    + "enter \(blocker); allow it (chmod o+x \(blocker)) or put the cluster elsewhere")
        }
    }

    private func createDataDirectory(_ tools: ClusterTools) throws {
        let staging = directory + "/data.initdb"
        try FileSystem.removeTree(staging)
        if let templateDirectory {
            let template = EmbeddedCluster(directory: templateDirectory, binDirectory: binDirectory, durable: durable)
            try template.initialize()
            let output = try tools.runSystem(["cp", "-R", "-p", template.dataDirectory, staging])
            guard output.succeeded else { throw failure("copying the template cluster failed", output: output.text) }
        } else {
            var arguments = ["-D", staging, "-U", Self.user, "-E", "UTF8", "--no-locale", "--auth=trust"]
            if !durable { arguments.append("--no-sync") }
            let output = try tools.run("initdb", arguments)
            guard output.succeeded else { throw failure("initdb failed", output: output.text) }
        }
        var configuration = "\n# Added by codezero's EmbeddedCluster: unix socket only.\n"
        for (name, value) in serverSettings() {
            configuration += "\(name) = '\(value.replacingAll("'", with: "''"))'\n"
        }
        try FileSystem.writeText(configuration, to: staging + "/postgresql.conf", append: true)
        guard rename(staging, dataDirectory) == 0 else {
            throw PostgresError(code: .clusterFailed, message: "could not move \(staging) to \(dataDirectory)")
        }
    }

    private func serverSettings() -> [(String, String)] {
        var result = [
            ("listen_addresses", ""), ("unix_socket_directories", socketDirectory),
            ("unix_socket_permissions", "0700"), ("port", String(port)),
        ]
        if !durable {
            result += [("fsync", "off"), ("synchronous_commit", "off"), ("full_page_writes", "off")]
        }
        result += settings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return result
    }

    /// The `-o` string for pg_ctl (a shell parses it): the same settings, so a moved directory still works.
    private func serverOptions() -> String {
        serverSettings().map { "-c \(Self.shellQuoted("\($0.0)=\($0.1)"))" }.joined(separator: " ")
    }

    private func waitUntilRunning(seconds: Int) -> Bool {
        for _ in 0..<(seconds * 10) {
            if isRunning() { return true }
            SystemCall.sleep(.milliseconds(100))
        }
        return false
    }

    private func createDatabaseIfMissing() throws {
        let admin = PostgresConnection(connectionString(database: "postgres"), applicationName: "codezero-cluster")
        let exists = try admin.query("SELECT 1 FROM pg_database WHERE datname = \(Self.database)")
        guard exists.isEmpty else { return }
        do {
            try admin.execute("CREATE DATABASE \(identifier: Self.database)")
        } catch let error as PostgresError where error.sqlState == "42P04" || error.isUniqueViolation {
            // Another process created it at the same moment.
        }
    }

    func failure(_ what: String, output: String) -> PostgresError {
        let logTail = (FileSystem.readText(logFile) ?? "").split(separator: "\n").suffix(15).joined(separator: "\n")
        return PostgresError(
            code: .clusterFailed,
            message: "\(what) for the cluster in \(directory):\n\(output)\n--- \(logFile) (end) ---\n\(logTail)")
    }

    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains(where: { $0 == " " || $0 == "'" || $0 == "\\" })
        if plain { return value }
        return "'" + value.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
    }

    static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingAll("'", with: "'\\''") + "'"
    }
}

public import DevelopmentCluster
import Foundation
import Postgres
import Synchronization

/// Throwaway PostgreSQL clusters for tests: one shared per test process, plus dedicated ones.
///
/// Every cluster made here lives in a fresh `codezero-pg-XXXXXX` directory under `/dev/shm` (tmpfs;
/// `/tmp` when there is none, or `$CODEZERO_TEST_TMPDIR`), which the `postgres` user can enter when
/// tests run as root, and is stopped and removed when the process exits.
/// Clusters left behind by a test process that crashed are removed by the next one.
public enum TestCluster {
    /// The cluster shared by all tests of this process, created and started on first use.
    ///
    /// Do not stop it; use ``makeDedicated()`` for that. Prefer ``TestDatabase/make()`` in tests.
    public static func shared() throws -> EmbeddedCluster {
        try sharedCluster.get()
    }

    /// A new, started cluster owned by the calling test, which may stop and start it freely.
    /// It is removed at process exit (or earlier with `destroy()`).
    public static func makeDedicated() throws -> EmbeddedCluster {
        try makeStarted()
    }

    /// A new, started cluster with WAL archiving on (``EmbeddedCluster/archiveSettings(directory:)``).
    public static func makeArchiving() throws -> EmbeddedCluster {
        let directory = try makeDirectory()
        return try makeStarted(directory: directory, extra: EmbeddedCluster.archiveSettings(directory: directory))
    }

    /// A new directory for a cluster that does not exist yet (a restore target), removed at process exit.
    public static func makeEmpty() throws -> EmbeddedCluster {
        let parent = try makeDirectory()
        chmod(parent, 0o711)  // the server account (when root) must enter it to reach the cluster below
        let cluster = EmbeddedCluster(directory: parent + "/restored", durable: false)
        Registry.shared.add(cluster)
        return cluster
    }

    private static let sharedCluster: Result<EmbeddedCluster, TestSupportError> = Result { try makeStarted() }
        .mapError(describe)

    /// An initialized, never started cluster that the others copy: initdb runs once per process.
    private static let template: Result<EmbeddedCluster, TestSupportError> = Result {
        let template = EmbeddedCluster(directory: try makeDirectory(), durable: false)
        Registry.shared.add(template)
        try template.initialize()
        return template
    }.mapError(describe)

    private static func makeStarted(
        directory: String? = nil, extra: [String: String] = [:]
    ) throws
        -> EmbeddedCluster
    {
        let settings = ["shared_buffers": "32MB", "max_connections": "100", "max_wal_size": "256MB"]
        let cluster = EmbeddedCluster(
            directory: try directory ?? makeDirectory(), durable: false,
            settings: settings.merging(extra) { $1 }, template: try template.get())
        Registry.shared.add(cluster)
        do {
            try cluster.start()
        } catch {
            throw describe(error)
        }
        return cluster
    }

    /// Where the clusters go: `$CODEZERO_TEST_TMPDIR`, else `/dev/shm` (tmpfs: initdb and file copies
    /// are several times faster than on disk here, and nothing needs to survive), else `/tmp`.
    static let baseDirectory: String = {
        if let explicit = ProcessInfo.processInfo.environment["CODEZERO_TEST_TMPDIR"], !explicit.isEmpty {
            return explicit
        }
        return access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp"
    }()

    /// A fresh `<base>/codezero-pg-XXXXXX` directory recording this process as its owner.
    private static func makeDirectory() throws -> String {
        Registry.shared.installCleanupOnce()
        var pattern = Array("\(baseDirectory)/codezero-pg-XXXXXX".utf8CString)
        guard let created = mkdtemp(&pattern) else {
            throw TestSupportError("could not create a temporary directory under \(baseDirectory) (errno \(errno))")
        }
        let directory = String(cString: created)
        try "\(getpid())\n".write(toFile: directory + "/owner.pid", atomically: false, encoding: .utf8)
        return directory
    }

    private static func describe(_ error: any Error) -> TestSupportError {
        if let error = error as? TestSupportError { return error }
        let reason = (error as? PostgresError)?.debugDescription ?? String(describing: error)
        return TestSupportError("could not set up a throwaway PostgreSQL cluster: \(reason)")
    }

    /// The clusters to remove at exit; `atexit` runs plain C callbacks, so this one is global.
    final class Registry: Sendable {
        static let shared = Registry()
        private let clusters = Mutex<[EmbeddedCluster]>([])
        private let installed = Mutex(false)

        func add(_ cluster: EmbeddedCluster) {
            clusters.withLock { $0.append(cluster) }
        }

        func installCleanupOnce() {
            let first = installed.withLock { done in
                defer { done = true }
                return !done
            }
            guard first else { return }
            removeOrphans()
            atexit { TestCluster.Registry.shared.destroyAll() }
        }

        func destroyAll() {
            let all = clusters.withLock { list in
                defer { list.removeAll() }
                return list
            }
            for cluster in all { try? cluster.destroy() }
        }

        /// Removes clusters of earlier test processes that died without running their atexit handler.
        private func removeOrphans() {
            let base = TestCluster.baseDirectory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
            for name in names where name.hasPrefix("codezero-pg-") {
                let path = base + "/" + name
                guard let text = try? String(contentsOfFile: path + "/owner.pid", encoding: .utf8),
                    let pid = pid_t(text.dropLast()),
                    kill(pid, 0) != 0 && errno == ESRCH
                else { continue }
                try? EmbeddedCluster(directory: path).destroy()
            }
        }
    }
}

import Foundation
import Postgres
import Synchronization

/// Throwaway PostgreSQL clusters for tests: one shared per test process, plus dedicated ones.
///
/// Every cluster made here lives in a fresh `/tmp/codezero-pg-XXXXXX` directory (which the `postgres`
/// user can enter when tests run as root) and is stopped and removed when the process exits.
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

    private static let sharedCluster: Result<EmbeddedCluster, TestSupportError> = Result { try makeStarted() }
        .mapError { $0 as? TestSupportError ?? TestSupportError(String(describing: $0)) }

    private static func makeStarted() throws -> EmbeddedCluster {
        Registry.shared.installCleanupOnce()
        var template = Array("/tmp/codezero-pg-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw TestSupportError("could not create a temporary directory under /tmp (errno \(errno))")
        }
        let directory = String(cString: created)
        let cluster = EmbeddedCluster(
            directory: directory, durable: false,
            settings: ["shared_buffers": "32MB", "max_connections": "100", "max_wal_size": "256MB"])
        Registry.shared.add(cluster)
        do {
            try "\(getpid())\n".write(toFile: directory + "/owner.pid", atomically: false, encoding: .utf8)
            try cluster.start()
        } catch {
            let reason = (error as? PostgresError)?.debugDescription ?? String(describing: error)
            throw TestSupportError("could not start a throwaway PostgreSQL cluster in \(directory): \(reason)")
        }
        return cluster
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
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
            for name in names where name.hasPrefix("codezero-pg-") {
                let path = "/tmp/" + name
                guard let text = try? String(contentsOfFile: path + "/owner.pid", encoding: .utf8), let pid = pid_t(text.dropLast()),
                    kill(pid, 0) != 0 && errno == ESRCH
                else { continue }
                try? EmbeddedCluster(directory: path).destroy()
            }
        }
    }
}

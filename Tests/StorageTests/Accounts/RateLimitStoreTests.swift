import Dispatch
import Domain
import Foundation
import Postgres
import Storage
import Synchronization
import TestSupport
import Testing

/// `RateLimitStore` against a real PostgreSQL: the count commits without waiting for its WAL flush, and it stays
/// exact when many connections (the pool's workers) count one key at once.
@Suite struct RateLimitStoreTests {
    final class Tally: Sendable {
        let allowed = Atomic<Int>(0)
        let refused = Atomic<Int>(0)
        let failures = Atomic<Int>(0)
    }

    @Test func concurrentHitsOfOneKeyAreCountedExactly() throws {
        let database = try TestDatabase.makeMigrated()
        let limit = RateLimit(limit: 70, window: 3_600)
        // One fixed moment in the middle of a window: every hit lands in the same window.
        let now = Date(timeIntervalSince1970: TimeInterval(limit.windowStart(at: 1_800_000_000) + 1_800))
        let tally = Tally()
        let group = DispatchGroup()
        let connectionString = database.connectionString
        for _ in 0..<6 {
            DispatchQueue.global().async(group: group) {
                let connection = PostgresConnection(connectionString)
                defer { connection.close() }
                for _ in 0..<20 {
                    do {
                        switch try RateLimitStore(connection: connection).hit("write:user:x", limit: limit, now: now) {
                        case .allowed: tally.allowed.add(1, ordering: .relaxed)
                        case .retryAfter: tally.refused.add(1, ordering: .relaxed)
                        }
                    } catch {
                        tally.failures.add(1, ordering: .relaxed)
                    }
                }
            }
        }
        group.wait()
        #expect(tally.failures.load(ordering: .relaxed) == 0)
        #expect(tally.allowed.load(ordering: .relaxed) == 70)
        #expect(tally.refused.load(ordering: .relaxed) == 50)
        let count = try database.connect().query("SELECT count FROM rate_limit_counts WHERE key = 'write:user:x'")
        #expect(try count[0].int("count") == 120)
    }

    @Test func aHitInsideATransactionKeepsThatTransactionDurable() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let limit = RateLimit(limit: 5, window: 60)
        // Test clusters run without synchronous commits; this session asks for them like production.
        try connection.execute("SET synchronous_commit = on")
        let setting = try connection.transaction { transaction in
            _ = try RateLimitStore(connection: transaction).hit("inside", limit: limit, now: Date())
            return try transaction.query("SELECT current_setting('synchronous_commit') AS s")[0].string("s")
        }
        #expect(setting == "on")
        // Outside a transaction only the counting statement's own transaction is asynchronous.
        _ = try RateLimitStore(connection: connection).hit("outside", limit: limit, now: Date())
        #expect(try connection.query("SELECT current_setting('synchronous_commit') AS s")[0].string("s") == "on")
    }
}

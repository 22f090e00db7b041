import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing

@testable import App

/// The worker's catalog cache after its PostgreSQL session was lost and replaced by an ordinary request's query
/// (not by the cache's own check): the change notified meanwhile is missed, so the cache must reload anyway.
@Suite struct CatalogCacheReconnectTests {
    @Test func aChangeMissedWhileARequestReconnectedIsReloaded() throws {
        let database = try TestDatabase.makeMigrated()
        let worker = database.connect()
        let admin = database.connect()
        let cache = CatalogCache(connection: worker)
        #expect(try cache.products().contains { $0.product.id == "iza_pass" })
        #expect(try cache.products().contains { $0.product.id == "iza_pass" })  // served from memory
        let pid = try #require(worker.backendPID)
        try admin.execute("SELECT pg_terminate_backend(\(pid)::int)")
        for _ in 0..<1000 {  // pg_terminate_backend only signals it
            let rows = try admin.query("SELECT count(*)::bigint AS n FROM pg_stat_activity WHERE pid = \(pid)::int")
            if try rows[0].int("n") == 0 { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        // Notified while the worker has no session: this NOTIFY catalog_changed never reaches it.
        try admin.execute("UPDATE billing_products SET active = false WHERE id = 'iza_pass'")
        // The next request's query finds the session gone and reconnects (listening again).
        _ = try worker.query("SELECT 1 AS one", retryOnConnectionLoss: true)
        #expect(worker.backendPID != pid)
        #expect(try !cache.products().contains { $0.product.id == "iza_pass" })
    }
}

import Foundation
import Jobs
import Logging
import Postgres
import TestSupport
import Testing

@testable import App

/// A catalog change empties nginx's page cache: the trigger enqueues one job per catalog version, the
/// handler removes the cache files.
@Suite struct PageCachePurgeTests {
    @Test func purgeRemovesEveryCacheEntryButKeepsTheFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cz-purge-\(UUID().uuidString)").path
        let cache = PageCachePurge.directory(varDirectory: root)
        try FileManager.default.createDirectory(atPath: "\(cache)/a/1b", withIntermediateDirectories: true)
        try Data("page".utf8).write(to: URL(fileURLWithPath: "\(cache)/a/1b/0123456789abcdef"))
        try Data("page".utf8).write(to: URL(fileURLWithPath: "\(cache)/stray"))
        defer { try? FileManager.default.removeItem(atPath: root) }

        #expect(try PageCachePurge.purge(directory: cache) == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
        #expect(try PageCachePurge.purge(directory: "\(root)/missing") == 0)
    }

    @Test func aCatalogChangeEnqueuesOnePurgePerVersionAndTheJobEmptiesTheCache() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        _ = try connection.execute("UPDATE catalog_packages SET net_cents = net_cents + 100 WHERE id = 'ai_assessment'")
        _ = try connection.execute("UPDATE catalog_addons SET net_cents = net_cents + 100 WHERE id = 'extra_users'")
        let rows = try connection.query(
            "SELECT dedupe_key FROM jobs WHERE kind = 'cache.purge_pages' ORDER BY id")
        let version = try connection.query("SELECT version FROM catalog_version")[0].int("version")
        #expect(
            try rows.map { try $0.string("dedupe_key") } == [
                "cache.purge_pages:\(version - 1)", "cache.purge_pages:\(version)",
            ])

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cz-purge-\(UUID().uuidString)").path
        let cache = PageCachePurge.directory(varDirectory: root)
        try FileManager.default.createDirectory(atPath: "\(cache)/c/9f", withIntermediateDirectories: true)
        try Data("page".utf8).write(to: URL(fileURLWithPath: "\(cache)/c/9f/feedface"))
        defer { try? FileManager.default.removeItem(atPath: root) }
        var logger = Logger(label: "codezero.test.jobs")
        logger.logLevel = .critical
        let runner = JobRunner(connection: database.connect(), logger: logger)
        let configuration = Configuration(varDirectory: root)
        JobsCommand.register(
            on: runner, billing: BillingServices(configuration: configuration, logger: logger), logger: logger)
        _ = try runner.runOnce()
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
        let done = try connection.query(
            "SELECT count(*)::bigint AS n FROM jobs WHERE kind = 'cache.purge_pages' AND state = 'done'")
        #expect(try done[0].int("n") == 2)
    }
}

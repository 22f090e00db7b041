import Foundation
import TestSupport
import Testing

@testable import Postgres

@Suite struct PendingNotificationTests {
    @Test func pendingNotificationsNeverWaitAndDeliverWhatArrived() throws {
        let database = try TestDatabase.make()
        let listener = database.connect()
        let sender = database.connect()
        try listener.listen("catalog_changed")
        let start = ContinuousClock.now
        for _ in 0..<100 { #expect(try listener.pendingNotifications().isEmpty) }
        #expect(ContinuousClock.now - start < .milliseconds(500))
        try sender.notify("catalog_changed", payload: "7")
        var received: [PostgresNotification] = []
        for _ in 0..<200 where received.isEmpty {
            received = try listener.pendingNotifications()
            if received.isEmpty { Thread.sleep(forTimeInterval: 0.005) }
        }
        #expect(received.map(\.payload) == ["7"])
        #expect(try listener.pendingNotifications().isEmpty)
    }

    @Test func aLostConnectionIsReportedOnceThenListensAgain() throws {
        let database = try TestDatabase.make()
        let listener = database.connect()
        let admin = database.connect()
        try listener.listen("catalog_changed")
        let pid = try #require(listener.backendPID)
        try admin.execute("SELECT pg_terminate_backend(\(pid)::int)")
        var failures = 0
        for _ in 0..<200 {
            do {
                _ = try listener.pendingNotifications()
                if failures > 0 { break }
            } catch let error as PostgresError where error.isConnectionFailure {
                failures += 1
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        #expect(failures == 1)
        try admin.notify("catalog_changed", payload: "after")
        var received: [PostgresNotification] = []
        for _ in 0..<200 where received.isEmpty {
            received = try listener.pendingNotifications()
            if received.isEmpty { Thread.sleep(forTimeInterval: 0.005) }
        }
        #expect(received.map(\.payload) == ["after"])
    }

    /// Where the reconnect after the backend was terminated happens, between two checks of notifications.
    enum ReconnectPath: String, CaseIterable, Sendable {
        /// The next ordinary statement finds the session gone before sending and reconnects (looksAlive).
        case inAStatement
        /// A statement is sent on the dead session and fails (the connection is dropped); the next one reconnects.
        case afterAFailedStatement
        /// A statement fails and drops the connection; the next check of notifications reconnects.
        case inTheCheckAfterAFailedStatement
    }

    @Test(arguments: ReconnectPath.allCases)
    func aReconnectBetweenTwoChecksIsReportedOnceByTheNextCheck(path: ReconnectPath) throws {
        let database = try TestDatabase.make()
        let listener = database.connect()
        let admin = database.connect()
        try listener.listen("catalog_changed")
        #expect(try listener.pendingNotifications().isEmpty)
        let pid = try #require(listener.backendPID)
        try admin.execute("SELECT pg_terminate_backend(\(pid)::int)")
        try Self.waitUntilGone(pid, admin: admin)
        // Sent while the listener has no session: it can never arrive, so the listener must be told.
        try admin.notify("catalog_changed", payload: "missed")
        switch path {
        case .inAStatement:
            _ = try listener.query("SELECT 1 AS one", retryOnConnectionLoss: true)
        case .afterAFailedStatement, .inTheCheckAfterAFailedStatement:
            listener.checksConnectionBeforeStatements = false
            let error = #expect(throws: PostgresError.self) { try listener.query("SELECT 1 AS one") }
            #expect(error?.isConnectionFailure == true)
            listener.checksConnectionBeforeStatements = true
            if path == .afterAFailedStatement { _ = try listener.query("SELECT 1 AS one") }
        }
        let reported = #expect(throws: PostgresError.self) { try listener.pendingNotifications() }
        #expect(reported?.isConnectionFailure == true)
        #expect(listener.backendPID != pid)
        // Once: the following checks are quiet, and the new session listens.
        #expect(try listener.pendingNotifications().isEmpty)
        try admin.notify("catalog_changed", payload: "after")
        var received: [PostgresNotification] = []
        for _ in 0..<400 where received.isEmpty {
            received = try listener.pendingNotifications()
            if received.isEmpty { Thread.sleep(forTimeInterval: 0.005) }
        }
        #expect(received.map(\.payload) == ["after"])
    }

    @Test func aReconnectInsideATransactionIsReportedToo() throws {
        let database = try TestDatabase.make()
        let listener = database.connect()
        let admin = database.connect()
        try listener.listen("jobs")
        let pid = try #require(listener.backendPID)
        try admin.execute("SELECT pg_terminate_backend(\(pid)::int)")
        try Self.waitUntilGone(pid, admin: admin)
        let value = try listener.transaction { try $0.query("SELECT 7 AS seven")[0].int("seven") }
        #expect(value == 7)
        let reported = #expect(throws: PostgresError.self) {
            try listener.waitForNotifications(timeout: 0.05)
        }
        #expect(reported?.isConnectionFailure == true)
        #expect(try listener.waitForNotifications(timeout: 0.05).isEmpty)
    }

    /// Waits until the server no longer lists backend `pid` (pg_terminate_backend only signals it).
    static func waitUntilGone(_ pid: Int, admin: PostgresConnection) throws {
        for _ in 0..<1000 {
            let rows = try admin.query("SELECT count(*)::bigint AS n FROM pg_stat_activity WHERE pid = \(pid)::int")
            if try rows[0].int("n") == 0 { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Issue.record("backend \(pid) still runs after 10 s")
    }
}

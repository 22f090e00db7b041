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
}

import DevelopmentCluster
import TestSupport
import Testing

@testable import Postgres

@Suite struct NotificationTests {
    @Test func notificationsAreDelivered() throws {
        let database = try TestDatabase.make()
        let listener = database.connect()
        let sender = database.connect()
        try listener.listen("jobs")
        try listener.listen("Mixed Case")
        try sender.notify("jobs", payload: "42")
        try sender.notify("Mixed Case", payload: "grüße")

        var received: [PostgresNotification] = []
        for _ in 0..<10 where received.count < 2 {
            received += try listener.waitForNotifications(timeout: 2)
        }
        let senderPID = try #require(sender.backendPID)
        #expect(
            received == [
                PostgresNotification(channel: "jobs", payload: "42", senderPID: senderPID),
                PostgresNotification(channel: "Mixed Case", payload: "grüße", senderPID: senderPID),
            ])
    }

    @Test func waitingWithoutNotificationsTimesOut() throws {
        let listener = try TestDatabase.make().connect()
        try listener.listen("quiet")
        let start = ContinuousClock.now
        #expect(try listener.waitForNotifications(timeout: 0.2).isEmpty)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(190) && elapsed < .seconds(2))
    }

    @Test func notificationsInsideATransactionArriveOnlyOnCommit() throws {
        let database = try TestDatabase.make()
        let listener = database.connect()
        let sender = database.connect()
        try listener.listen("jobs")
        struct Abort: Error {}
        _ = try? sender.transaction { transaction in
            try transaction.notify("jobs", payload: "rolled back")
            throw Abort()
        }
        try sender.transaction { transaction in
            try transaction.notify("jobs", payload: "committed")
            #expect(try listener.waitForNotifications(timeout: 0.1).isEmpty)
        }
        let received = try listener.waitForNotifications(timeout: 2)
        #expect(received.map(\.payload) == ["committed"])
    }

    @Test func unlistenStopsDelivery() throws {
        let database = try TestDatabase.make()
        let listener = database.connect()
        let sender = database.connect()
        try listener.listen("a")
        try listener.unlisten("a")
        try sender.notify("a")
        #expect(try listener.waitForNotifications(timeout: 0.1).isEmpty)
    }

    @Test func waitingOnATerminatedSessionThrowsAConnectionFailure() throws {
        let database = try TestDatabase.make()
        for checksFirst in [true, false] {
            let listener = database.connect()
            // Without the pre-statement check, the loss is seen while waiting rather than before.
            listener.checksConnectionBeforeStatements = checksFirst
            try listener.listen("jobs")
            let pid = try #require(listener.backendPID)
            try database.connect().execute("SELECT pg_terminate_backend(\(Int32(pid)))")
            let error = try #require(throws: PostgresError.self) {
                for _ in 0..<50 { _ = try listener.waitForNotifications(timeout: 0.1) }
            }
            #expect(error.isConnectionFailure)
            #expect(try listener.waitForNotifications(timeout: 0.01).isEmpty)
            #expect(listener.backendPID != pid)
        }
    }

    @Test func listeningResumesAfterReconnect() throws {
        let cluster = try TestCluster.makeDedicated()
        defer { try? cluster.destroy() }
        let listener = PostgresConnection(cluster.connectionString)
        try listener.listen("jobs")
        try cluster.stop()
        try cluster.start()
        let sender = PostgresConnection(cluster.connectionString)
        // The first wait notices the restart: it reconnects, listens again and reports the loss.
        let error = try #require(throws: PostgresError.self) { try listener.waitForNotifications(timeout: 0.05) }
        #expect(error.isConnectionFailure)
        try sender.notify("jobs", payload: "after restart")
        #expect(try listener.waitForNotifications(timeout: 2).map(\.payload) == ["after restart"])
    }
}

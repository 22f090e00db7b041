import Postgres
import Storage
import TestSupport
import Testing

@Suite struct StripeEventStoreTests {
    @Test func anEventIsStoredOnceWhateverTheDeliveries() throws {
        let database = try TestDatabase.makeMigrated()
        let results = TestThreads.run(count: 6) { _ in
            let connection = database.connect()
            defer { connection.close() }
            return try StripeEventStore(connection: connection).insertIfNew(
                id: "evt_test_1", type: "checkout.session.completed", livemode: false, apiVersion: "2026-10-28.endive",
                createdUnix: 1_764_000_000, payload: #"{"id":"evt_test_1"}"#)
        }
        #expect(try results.map { try $0.get() }.filter { $0 }.count == 1)
        let store = StripeEventStore(connection: database.connect())
        #expect(try store.count() == 1)
        #expect(try store.payload(id: "evt_test_1") == #"{"id": "evt_test_1"}"#)
        try store.markProcessed(id: "evt_test_1", outcome: "fulfilled")
    }
}

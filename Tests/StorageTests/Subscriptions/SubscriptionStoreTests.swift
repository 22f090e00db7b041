import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing

/// Subscriptions, their setups, payments and history against a real PostgreSQL (migration 0065).
@Suite struct SubscriptionStoreTests {
    static let jan1: Int64 = 1_767_225_600
    static let feb1: Int64 = 1_769_904_000

    static func new(_ companyID: String) -> NewSubscription {
        NewSubscription(
            id: UUID().uuidString.lowercased(), companyID: companyID, userID: nil, provider: "MOCK",
            planID: "assistant_starter", addons: [.init(id: "extra_users", quantity: 2)])
    }

    @Test func stateRoundTripsAndReadsAreScopedByCompany() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let other = try BillingFixtures.company(connection, name: "Andere GmbH")
        let store = SubscriptionStore(connection: connection)
        let created = try store.create(Self.new(buyer))
        #expect(created.state == SubscriptionState(status: .incomplete, planID: "assistant_starter"))
        #expect(created.addons == [.init(id: "extra_users", quantity: 2)])
        #expect(try store.subscription(id: created.id, companyID: other) == nil)
        #expect(try store.subscription(id: "not-a-uuid", companyID: buyer) == nil)

        let invoice = UUID().uuidString.lowercased()
        let state = SubscriptionState(
            status: .pastDue, planID: "assistant_starter", pendingPlanID: "assistant_business", periodStart: Self.jan1,
            periodEnd: Self.feb1, cancelAtPeriodEnd: true,
            dunning: Dunning(
                invoiceID: invoice, firstFailureAt: Self.jan1 + 10, failedAttempts: 1,
                nextRetryAt: Self.jan1 + 10 + 3 * 86_400))
        try connection.transaction { connection in
            let locked = try #require(try SubscriptionStore(connection: connection).lockForUpdate(id: created.id))
            try SubscriptionStore(connection: connection).save(state, id: locked.id)
            try SubscriptionStore(connection: connection).appendEvent(
                "payment.failed", subscription: locked, to: .pastDue, actorUserID: nil)
        }
        let read = try #require(try store.subscription(id: created.id, companyID: buyer))
        #expect(read.state == state)
        #expect(try store.subscriptions(companyID: buyer).map(\.id) == [created.id])
        #expect(try store.subscriptions(companyID: other).isEmpty)
        #expect(try store.retryDue(asOf: Self.jan1 + 3 * 86_400) == [])
        #expect(try store.retryDue(asOf: Self.jan1 + 3 * 86_400 + 10) == [created.id])
        #expect(try store.periodEnded(asOf: Self.feb1 - 1) == [])
        #expect(try store.periodEnded(asOf: Self.feb1) == [created.id])
        let history = try store.events(subscriptionID: created.id)
        #expect(history.map(\.event) == ["payment.failed"] && history[0].from == "INCOMPLETE")

        // The history is append-only; a canceled subscription keeps when it ended.
        #expect(throws: PostgresError.self) { try connection.execute("DELETE FROM subscription_events") }
        var canceled = state
        canceled.status = .canceled
        canceled.dunning = nil
        try store.save(canceled, id: created.id)
        #expect(try store.subscription(id: created.id, companyID: buyer)?.canceledAt != nil)
    }

    @Test func theDatabaseRefusesInconsistentStates() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let created = try SubscriptionStore(connection: connection).create(Self.new(buyer))
        // ACTIVE needs a period; PAST_DUE needs the invoice being collected.
        #expect(throws: PostgresError.self) {
            try connection.execute("UPDATE subscriptions SET status = 'ACTIVE' WHERE id = \(created.id)::uuid")
        }
        #expect(throws: PostgresError.self) {
            try SubscriptionStore(connection: connection).save(
                SubscriptionState(status: .pastDue, planID: "p", periodStart: Self.jan1, periodEnd: Self.feb1),
                id: created.id)
        }
    }

    @Test func oneCustomerPerCompanyAndEachAttemptRecordedOnce() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let customers = StripeCustomerStore(connection: connection)
        #expect(try customers.customerID(companyID: buyer) == nil)
        #expect(try customers.record(customerID: "cus_first", companyID: buyer) == "cus_first")
        #expect(try customers.record(customerID: "cus_second", companyID: buyer) == "cus_first")

        let subscription = try SubscriptionStore(connection: connection).create(Self.new(buyer))
        let payments = SubscriptionPaymentStore(connection: connection)
        let invoice = UUID().uuidString.lowercased()
        let attempt = SubscriptionPaymentStore.Payment(
            subscriptionID: subscription.id, invoiceID: invoice, attempt: 1, paymentIntentID: "pi_1",
            status: "PROCESSING", amountCents: 58_310, currency: "EUR", failureCode: nil)
        try payments.record(attempt)
        try payments.record(attempt)
        #expect(try payments.payments(subscriptionID: subscription.id).count == 1)
        #expect(try payments.settle(paymentIntentID: "pi_1", succeeded: false, failureCode: "card_declined"))
        #expect(try !payments.settle(paymentIntentID: "pi_1", succeeded: true, failureCode: nil))
        #expect(try payments.payment(paymentIntentID: "pi_1")?.status == "FAILED")
        var second = attempt
        second.attempt = 2
        second.paymentIntentID = "pi_2"
        second.status = "SUCCEEDED"
        try payments.record(second)
        var third = attempt
        third.attempt = 3
        third.paymentIntentID = "pi_3"
        third.status = "SUCCEEDED"
        // An invoice is paid once, whatever the code does.
        #expect(throws: PostgresError.self) { try payments.record(third) }
    }
}

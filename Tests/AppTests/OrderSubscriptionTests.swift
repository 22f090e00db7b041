import Foundation
import Postgres
import TestSupport
import Testing
import Web

@testable import App

/// Configurator orders with a monthly package are paid as subscriptions (setup-mode Checkout, then the first
/// month and the one-off items charged off-session), not as a one-off "first month".
@Suite struct OrderSubscriptionTests {
    static let configuration: JSON = [
        "package": "assistant_starter",
        "addons": [["id": "extra_users", "quantity": 2], ["id": "onboarding_workshop", "quantity": 1]],
    ]

    static func count(_ harness: BillingHarness, _ sql: PostgresQuery) throws -> Int {
        try harness.database.connect().query(sql)[0].int("n")
    }

    @Test func aMonthlyPackageOrderBecomesASubscriptionWhoseFirstInvoicePaysTheOrder() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("order-sub@example.com")
        let placed = buyer.send("POST", "/api/v1/orders", json: Self.configuration)
        #expect(placed.status == .created, "\(placed.json)")
        let order = try #require(placed.json["id"]?.stringValue)
        // 490 € + 2 × 90 € monthly + 1,200 € one-off = 1,870 € net, 19 % VAT → 2,225.30 €.
        #expect(placed.json["gross_cents"] == 222_530)

        let checkout = buyer.send("POST", "/api/v1/orders/\(order)/checkout", json: [:])
        #expect(checkout.status == .created, "\(checkout.json)")
        #expect(checkout.json["mode"] == "setup")
        #expect(checkout.json["purchase_id"] == nil)
        #expect(checkout.json["amount_cents"] == 222_530)
        let subscription = try #require(checkout.json["subscription_id"]?.stringValue)
        let session = try #require(checkout.json["session_id"]?.stringValue)
        // No one-off payment was started for the order.
        #expect(
            try Self.count(harness, "SELECT count(*)::bigint AS n FROM purchases WHERE order_id = \(order)::uuid") == 0)
        let detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "INCOMPLETE" && detail["plan_id"] == "assistant_starter")

        // Checking out again before the setup completed offers a new setup of the same subscription.
        let again = buyer.send("POST", "/api/v1/orders/\(order)/checkout", json: [:])
        #expect(again.status == .created)
        #expect(again.json["subscription_id"]?.stringValue == subscription)
        #expect(again.json["session_id"]?.stringValue != session)

        let completed = SubscriptionFlowTests.complete(buyer, session: session, method: "pm_card_visa")
        #expect(completed.json["status"] == "ACTIVE", "\(completed.json)")
        // The first invoice: the first month (plan + monthly add-ons) and the one-off workshop, paid; it is the
        // order's invoice and the order is PAID.
        #expect(try SubscriptionFlowTests.invoices(harness, subscription).map(\.gross) == [222_530])
        #expect(try SubscriptionFlowTests.invoices(harness, subscription).map(\.status) == ["PAID"])
        let lines = try harness.database.connect().query(
            """
            SELECT l.item_id, l.unit_code FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
            WHERE i.order_id = \(order)::uuid ORDER BY l.position
            """
        ).map { "\(try $0.string("item_id")):\(try $0.string("unit_code"))" }
        #expect(lines == ["assistant_starter:MON", "extra_users:MON", "onboarding_workshop:C62"])
        #expect(buyer.send("GET", "/api/v1/orders/\(order)").json["status"] == "PAID")
        // The subscription bills only the monthly items from now on.
        let addons = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["addons"]
        #expect(addons?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["extra_users"])

        // Paid: another checkout is refused and starts nothing.
        #expect(buyer.send("POST", "/api/v1/orders/\(order)/checkout", json: [:]).status == .conflict)
        #expect(
            try Self.count(
                harness, "SELECT count(*)::bigint AS n FROM subscriptions WHERE order_id = \(order)::uuid") == 1)
        // Another company cannot check the order out.
        let other = harness.buyer("order-sub-other@example.com")
        #expect(other.send("POST", "/api/v1/orders/\(order)/checkout", json: [:]).status == .notFound)
    }

    @Test func aStartedButUnpaidOrderSubscriptionRefusesASecondCheckout() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("order-declined@example.com")
        let order = try #require(
            buyer.send("POST", "/api/v1/orders", json: ["package": "assistant_business", "addons": []]).json["id"]?
                .stringValue)
        let checkout = buyer.send("POST", "/api/v1/orders/\(order)/checkout", json: [:])
        let session = try #require(checkout.json["session_id"]?.stringValue)
        let subscription = try #require(checkout.json["subscription_id"]?.stringValue)
        // The card is declined at the first charge: the subscription is PAST_DUE (dunning), the order stays PENDING.
        let completed = SubscriptionFlowTests.complete(buyer, session: session, method: "pm_card_chargeDeclined")
        #expect(completed.json["status"] == "PAST_DUE", "\(completed.json)")
        #expect(try SubscriptionFlowTests.invoices(harness, subscription).map(\.status) == ["OPEN"])
        #expect(buyer.send("GET", "/api/v1/orders/\(order)").json["status"] == "PENDING")
        let refused = buyer.send("POST", "/api/v1/orders/\(order)/checkout", json: [:])
        #expect(refused.status == .conflict)
        #expect(refused.json["detail"]?.stringValue?.contains("started") == true)
    }

    @Test func monthlyAddOnsWithAOneOffPackageAreRefusedAndWriteNothing() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("order-mixed@example.com")
        let refused = buyer.send(
            "POST", "/api/v1/orders",
            json: ["package": "ai_assessment", "addons": [["id": "priority_support", "quantity": 1]]])
        #expect(refused.status == .unprocessableContent)
        #expect(refused.json["errors"]?[0]?["field"] == "addons")
        #expect(refused.json["errors"]?[0]?["code"] == "needs_monthly_package")
        #expect(try Self.count(harness, "SELECT count(*)::bigint AS n FROM orders") == 0)
        // A one-off package with one-off add-ons is still a one-off payment.
        let order = try #require(
            buyer.send(
                "POST", "/api/v1/orders",
                json: ["package": "ai_assessment", "addons": [["id": "onboarding_workshop", "quantity": 1]]]
            ).json["id"]?.stringValue)
        let checkout = buyer.send("POST", "/api/v1/orders/\(order)/checkout", json: [:])
        #expect(checkout.status == .created)
        #expect(checkout.json["purchase_id"] != nil && checkout.json["subscription_id"] == nil)
    }
}

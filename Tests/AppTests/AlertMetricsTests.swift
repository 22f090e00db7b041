import Foundation
import Jobs
import Storage
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// The alert rules in ops/prometheus/alerts.yml use metrics that `/metrics` really serves, and the payment
/// counters step once per outcome.
@Suite struct AlertMetricsTests {
    @Test func paymentOutcomesAndWaitingEventsAreCounted() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let connection = harness.database.connect()
        let before = try PaymentMetrics.read(on: connection)
        #expect(before.outcomes == ["paid": 0, "failed": 0, "refunded": 0])
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let purchase = try #require(started.json["purchase_id"]?.stringValue)
        let session = try #require(started.json["session_id"]?.stringValue)
        harness.deliver(harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 832))
        #expect(try PaymentMetrics.read(on: connection).unprocessedEvents == 1)
        try harness.runJobs()
        harness.deliver(harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 832))
        try harness.runJobs()
        let after = try PaymentMetrics.read(on: connection)
        #expect(after.outcomes["paid"] == 1)
        #expect(after.unprocessedEvents == 0 && after.unprocessedEventAge == 0)
        #expect(after.openMetrics.contains("codezero_payments_total{status=\"paid\"} 1\n"))
    }

    @Test func everyMetricTheAlertsUseIsServed() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        _ = try JobQueue().enqueue(NewJob(kind: "invoice.render"), on: connection)
        let served =
            try PaymentMetrics.read(on: connection).openMetrics
            + IncidentMetrics.openMetrics(try IncidentStore(connection: connection).counts())
            + (try JobQueue().stats(on: connection).openMetrics(prefix: "codezero_jobs"))
            + "codezero_http_requests_total{"  // ProcessManager's MetricsPage (tested in ProcessManagerTests)
        let rules = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("ops/prometheus/alerts.yml"), encoding: .utf8)
        let names = Set(
            rules.matches(of: /codezero_[a-z_]+/).map { String($0.output) })
        #expect(names.count >= 6)
        for name in names {
            #expect(served.contains(name + "{") || served.contains(name + " "), "\(name) is not served")
        }
    }
}

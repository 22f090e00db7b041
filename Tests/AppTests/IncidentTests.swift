import Foundation
import Jobs
import Storage
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// Incidents: one cause gives exactly one row and one step of the per-kind counter; staff list, retry and
/// resolve them through the API, audited with actor and request id.
@Suite struct IncidentTests {
    static func incidents(_ harness: BillingHarness, kind: IncidentKind) throws -> [Incident] {
        try IncidentStore(connection: harness.database.connect()).list(
            status: nil, kind: kind.name, before: nil, limit: 200)
    }

    static func created(_ harness: BillingHarness, kind: IncidentKind) throws -> Int {
        try IncidentStore(connection: harness.database.connect()).counts()[kind.name]?.created ?? 0
    }

    static func admin(_ harness: BillingHarness) throws -> TestClient {
        TestClient.staff(harness.application, database: harness.database, role: "admin", email: "ops@codezero.example")
    }

    @Test func anAmountMismatchIsOneIncidentHoweverOftenItIsReported() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let purchase = try #require(started.json["purchase_id"]?.stringValue)
        let session = try #require(started.json["session_id"]?.stringValue)
        #expect(try Self.created(harness, kind: .amountMismatch) == 0)
        harness.deliver(harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 699))
        harness.deliver(harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 1))
        try harness.runJobs()
        let incidents = try Self.incidents(harness, kind: .amountMismatch)
        #expect(incidents.count == 1)
        #expect(incidents.first?.subject["purchase_id"] == purchase)
        #expect(incidents.first?.status == .open)
        #expect(try Self.created(harness, kind: .amountMismatch) == 1)
        #expect(try harness.grants(of: purchase) == 0)
        let metrics = IncidentMetrics.openMetrics(
            try IncidentStore(connection: harness.database.connect()).counts())
        #expect(metrics.contains("codezero_incidents_total{kind=\"payment.amount_mismatch\"} 1\n"))
        #expect(metrics.contains("codezero_incidents_open{kind=\"payment.amount_mismatch\"} 1\n"))
        #expect(metrics.contains("codezero_incidents_total{kind=\"job.dead\"} 0\n"))
    }

    @Test func aSecondPaymentForAPaidOrderIsOneIncident() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let order = try OrderCheckoutTests.order(buyer)
        let first = buyer.send("POST", "/api/v1/orders/\(order)/checkout")
        let second = buyer.send("POST", "/api/v1/orders/\(order)/checkout")
        let firstPurchase = try #require(first.json["purchase_id"]?.stringValue)
        let secondPurchase = try #require(second.json["purchase_id"]?.stringValue)
        let amount = try #require(buyer.send("GET", "/api/v1/orders/\(order)").json["gross_cents"]?.intValue)
        harness.deliver(
            harness.event(
                .checkoutSessionCompleted, session: try #require(second.json["session_id"]?.stringValue),
                purchase: secondPurchase, amount: amount))
        try harness.runJobs()
        #expect(try Self.created(harness, kind: .duplicatePayment) == 0)
        // The first (superseded) session was paid anyway: the buyer paid twice. Delivered twice.
        let late = harness.event(
            .checkoutSessionCompleted, session: try #require(first.json["session_id"]?.stringValue),
            purchase: firstPurchase, amount: amount)
        harness.deliver(late)
        harness.deliver(
            harness.event(
                .checkoutSessionCompleted, session: try #require(first.json["session_id"]?.stringValue),
                purchase: firstPurchase, amount: amount))
        try harness.runJobs()
        let incidents = try Self.incidents(harness, kind: .duplicatePayment)
        #expect(incidents.count == 1)
        #expect(incidents.first?.subject == ["purchase_id": firstPurchase, "order_id": order])
        #expect(try Self.created(harness, kind: .duplicatePayment) == 1)
        // Refunded automatically (simulated gateway in mock mode), noted on the incident, audited.
        #expect(try harness.status(of: firstPurchase) == "REFUNDED")
        #expect(try harness.status(of: secondPurchase) == "PAID")
        #expect(incidents.first?.note?.hasPrefix("Refunded automatically: re_sim_") == true)
        let dead = try Self.incidents(harness, kind: .jobDead).filter { $0.jobKind == JobKinds.refundDuplicate }
        #expect(dead.isEmpty, "\(dead.map(\.detail))")
    }

    @Test func aSecondPaymentIsRefundedAtStripeOnce() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let buyer = harness.buyer("anna@example.com")
        let order = try OrderCheckoutTests.order(buyer)
        let first = buyer.send("POST", "/api/v1/orders/\(order)/checkout")
        let second = buyer.send("POST", "/api/v1/orders/\(order)/checkout")
        let firstSession = try #require(first.json["session_id"]?.stringValue)
        let secondSession = try #require(second.json["session_id"]?.stringValue)
        let firstPurchase = try #require(first.json["purchase_id"]?.stringValue)
        let amount = try #require(buyer.send("GET", "/api/v1/orders/\(order)").json["gross_cents"]?.intValue)
        standIn.markPaid(secondSession)
        standIn.markPaid(firstSession)
        harness.deliver(
            harness.event(
                .checkoutSessionCompleted, session: secondSession,
                purchase: try #require(second.json["purchase_id"]?.stringValue), amount: amount))
        try harness.runJobs()
        harness.deliver(
            harness.event(.checkoutSessionCompleted, session: firstSession, purchase: firstPurchase, amount: amount))
        try harness.runJobs()
        try harness.runJobs()
        let refunds = standIn.refunds
        #expect(refunds.count == 1)
        #expect(refunds.first?["reason"] == .string("duplicate"))
        #expect(refunds.first?["amount"]?.intValue == amount)
        #expect(refunds.first?["payment_intent"] == standIn.session(firstSession)?["payment_intent"])
        #expect(try harness.status(of: firstPurchase) == "REFUNDED")
        #expect(try Self.incidents(harness, kind: .duplicatePayment).count == 1)
        // The refund idempotency key is the purchase's: retrying the incident's job refunds nothing more.
        let admin = try Self.admin(harness)
        let incident = try #require(try Self.incidents(harness, kind: .duplicatePayment).first)
        #expect(admin.send("POST", "/api/v1/admin/incidents/\(incident.id)/retry").status == .ok)
        try harness.runJobs()
        #expect(standIn.refunds.count == 1)
    }

    @Test func aDeadJobIsOneIncidentAndRetryRequeuesIt() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let jobID = try #require(
            try JobQueue().enqueue(NewJob(kind: "test.no_handler", maxAttempts: 1), on: connection))
        try harness.runJobs()
        #expect(try JobQueue().job(id: jobID, on: connection)?.state == .dead)
        let incidents = try Self.incidents(harness, kind: .jobDead)
        #expect(incidents.count == 1)
        #expect(try Self.created(harness, kind: .jobDead) == 1)
        let incident = try #require(incidents.first)
        #expect(incident.jobID == jobID)
        #expect(incident.subject["job_kind"] == "test.no_handler")

        let admin = try Self.admin(harness)
        let listed = admin.send("GET", "/api/v1/admin/incidents?status=open&kind=job.dead")
        #expect(listed.status == .ok)
        #expect(listed.json["incidents"]?.arrayValue?.count == 1)
        #expect(listed.json["incidents"]?[0]?["retryable"] == .bool(true))

        let retried = admin.send("POST", "/api/v1/admin/incidents/\(incident.id)/retry")
        #expect(retried.status == .ok, "\(retried.json)")
        #expect(retried.json["incident"]?["status"] == .string("retried"))
        #expect(try JobQueue().job(id: jobID, on: connection)?.state == .queued)
        #expect(admin.send("POST", "/api/v1/admin/incidents/\(incident.id)/retry").status == .conflict)
        #expect(try IncidentStore(connection: connection).counts()["job.dead"]?.open == 0)

        // It dies again: a new incident, and the counter steps once more.
        try harness.runJobs()
        #expect(try Self.incidents(harness, kind: .jobDead).count == 2)
        #expect(try Self.created(harness, kind: .jobDead) == 2)

        let audit = try AuditLog(connection: connection).list(limit: 100)
        let entry = try #require(audit.first { $0.entry.action.name == "admin.incident.retry" })
        #expect(entry.entry.target == "\(incident.id)")
        #expect(entry.entry.actor != nil)
        #expect(entry.entry.details["request_id"] == "0123456789abcdef0123456789abcdef")
    }

    @Test func resolveClosesWithANoteAndBadInputWritesNothing() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let id = try #require(
            try IncidentStore(connection: connection).record(
                NewIncident(kind: .mailFailed, dedupeKey: "mail.failed:test-1", detail: "550 no such mailbox")))
        #expect(
            try IncidentStore(connection: connection).record(
                NewIncident(kind: .mailFailed, dedupeKey: "mail.failed:test-1", detail: "again")) == nil)
        let admin = try Self.admin(harness)
        #expect(admin.send("POST", "/api/v1/admin/incidents/\(id)/retry").status == .conflict)
        #expect(
            admin.send("POST", "/api/v1/admin/incidents/\(id)/resolve", json: ["note": .int(5)]).status
                == .badRequest)
        #expect(
            admin.send(
                "POST", "/api/v1/admin/incidents/\(id)/resolve",
                json: ["note": .string(String(repeating: "x", count: 2001))]
            ).status == .badRequest)
        #expect(try IncidentStore(connection: connection).incident(id: id)?.status == .open)
        #expect(admin.send("GET", "/api/v1/admin/incidents?status=weird").status == .badRequest)
        #expect(admin.send("POST", "/api/v1/admin/incidents/999999/resolve", json: [:]).status == .notFound)
        #expect(admin.send("POST", "/api/v1/admin/incidents/abc/resolve", json: [:]).status == .notFound)

        let resolved = admin.send("POST", "/api/v1/admin/incidents/\(id)/resolve", json: ["note": "mailbox fixed"])
        #expect(resolved.status == .ok)
        #expect(resolved.json["incident"]?["status"] == .string("resolved"))
        #expect(resolved.json["incident"]?["note"] == .string("mailbox fixed"))
        #expect(admin.send("POST", "/api/v1/admin/incidents/\(id)/resolve", json: [:]).status == .conflict)
    }

    @Test func onlyAdminsSeeOrActOnIncidents() throws {
        let harness = try BillingHarness()
        let anonymous = TestClient(harness.application)
        let client = harness.buyer("anna@example.com")
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        let unverified = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "new@codezero.example",
            secondFactor: false)
        for (method, path) in [
            ("GET", "/api/v1/admin/incidents"), ("POST", "/api/v1/admin/incidents/1/retry"),
            ("POST", "/api/v1/admin/incidents/1/resolve"),
        ] {
            #expect(anonymous.send(method, path).status == .unauthorized)
            #expect(client.send(method, path).status == .forbidden)
            #expect(finance.send(method, path).status == .forbidden)
            let refused = unverified.send(method, path)
            #expect(refused.status == .forbidden)
            #expect(refused.json["code"] == .string("second_factor_required"))
        }
    }
}

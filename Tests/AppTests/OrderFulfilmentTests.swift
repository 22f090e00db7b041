import Domain
import Foundation
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Orders and fulfilment in the back office (issue 13 item 4): PAID → IN_PROGRESS → DELIVERED or CANCELLED with
/// a refund and one correction, visible in the portal, assignment and notes, bad input refused with the field's
/// error and nothing written, every step audited with actor and request id.
@Suite struct OrderFulfilmentTests {
    static func html(_ response: Response) -> String { String(decoding: response.body, as: UTF8.self) }

    /// A paid (and invoiced) configurator order of `buyer`.
    static func paidOrder(_ harness: BillingHarness, _ buyer: TestClient) throws -> String {
        let placed = buyer.send("POST", "/api/v1/orders", json: ["package": "ai_assessment", "addons": []])
        let order = try #require(placed.json["id"]?.stringValue)
        let session = try #require(
            buyer.send("POST", "/api/v1/orders/\(order)/checkout").json["session_id"]?.stringValue)
        #expect(
            buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)]).status
                == .ok)
        try harness.runJobs()
        return order
    }

    @Test func staffStartDeliverOrCancelWithOneRefundAndTheClientSeesTheStatus() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let order = try Self.paidOrder(harness, buyer)
        let other = try Self.paidOrder(harness, buyer)
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "ops@codezero.example")
        let adminID = try #require(admin.send("GET", "/api/v1/me").json["user"]?["id"]?.stringValue)
        let csrf = try #require(admin.csrfToken)
        let form = { (fields: String) in "csrf_token=\(csrf)&" + fields }

        let list = admin.send("GET", "/admin/de/orders?status=PAID")
        #expect(list.status == .ok)
        #expect(Self.html(list).contains(String(order.prefix(8))))
        #expect(admin.send("GET", "/admin/de/orders?status=bogus").status == .badRequest)
        #expect(admin.send("GET", "/admin/de/orders?company_id=nope").status == .badRequest)
        #expect(buyer.send("GET", "/admin/de/orders").status == .forbidden)
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        #expect(finance.send("GET", "/admin/de/orders/\(order)").status == .forbidden)

        let path = "/admin/de/orders/\(order)"
        #expect(admin.send("GET", path).status == .ok)
        let early = admin.send("POST", path + "/fulfilment", form: form("event=deliver"))
        #expect(early.status == .conflict)
        #expect(Self.html(early).contains("Dieser Schritt folgt nicht auf den aktuellen Status."))
        #expect(admin.send("POST", path + "/fulfilment", form: form("event=explode")).status == .unprocessableContent)
        #expect(admin.send("POST", path + "/fulfilment", form: form("event=start")).status == .seeOther)
        let portal = Self.html(buyer.send("GET", "/de/konto/bestellungen"))
        #expect(portal.contains("in Bearbeitung"), "the client sees the status")

        #expect(
            admin.send("POST", path + "/assign", form: form("assignee=not-a-user")).status == .unprocessableContent)
        #expect(admin.send("POST", path + "/assign", form: form("assignee=\(adminID)")).status == .seeOther)
        let emptyNote = admin.send("POST", "/admin/en/orders/\(order)/notes", form: form("note=+"))
        #expect(emptyNote.status == .unprocessableContent)
        #expect(Self.html(emptyNote).contains("Please fill this in."))
        #expect(admin.send("POST", path + "/notes", form: form("note=Kickoff+am+Montag")).status == .seeOther)
        let detail = Self.html(admin.send("GET", path))
        #expect(detail.contains("Kickoff am Montag") && detail.contains("ops@codezero.example"))
        #expect(admin.send("POST", path + "/fulfilment", form: form("event=deliver")).status == .seeOther)
        #expect(Self.html(buyer.send("GET", "/en/account/orders")).contains("delivered"))
        #expect(admin.send("POST", path + "/fulfilment", form: form("event=cancel&reason=late")).status == .conflict)

        let connection = harness.database.connect()
        let invoices = InvoiceStore(connection: connection)
        let purchase = try #require(try OrderFulfilmentStore(connection: connection).invoicedPurchase(orderID: other))
        let invoice = try #require(try invoices.invoice(purchaseID: purchase))
        let otherPath = "/admin/de/orders/\(other)/fulfilment"
        let noReason = admin.send("POST", otherPath, form: form("event=cancel&reason=+"))
        #expect(noReason.status == .unprocessableContent)
        #expect(Self.html(noReason).contains("Bitte ausfüllen."))
        #expect(try invoices.corrections(of: invoice.id).isEmpty, "nothing was written")
        #expect(
            admin.send("POST", otherPath, form: form("event=cancel&reason=Kunde+storniert")).status == .seeOther)
        #expect(admin.send("POST", otherPath, form: form("event=cancel&reason=again")).status == .conflict)
        let corrections = try invoices.corrections(of: invoice.id)
        #expect(corrections.count == 1, "refunded and corrected once")
        #expect(corrections.first?.grossCents == -invoice.grossCents)
        #expect(try OrderFulfilmentStore(connection: connection).status(orderID: other) == .cancelled)
        #expect(Self.html(buyer.send("GET", "/de/konto/bestellungen")).contains("storniert"))

        let audit = try AuditLog(connection: connection).list(limit: 200)
        let steps = audit.filter { $0.entry.action.name == "admin.order.fulfilment" }
        #expect(steps.count == 3)
        #expect(steps.allSatisfy { $0.entry.details["request_id"] == "0123456789abcdef0123456789abcdef" })
        #expect(audit.contains { $0.entry.action.name == "admin.order.assign" })
        #expect(audit.contains { $0.entry.action.name == "admin.order.note" })
    }
}

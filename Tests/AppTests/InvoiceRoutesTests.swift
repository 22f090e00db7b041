import Foundation
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// `/api/v1/invoices*`: company isolation, staff access, stored documents.
@Suite struct InvoiceRoutesTests {
    /// A buyer who paid for `credits_5` (mock mode); returns the invoice id.
    static func paidInvoice(_ buyer: TestClient) throws -> String {
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let session = try #require(started.json["session_id"]?.stringValue)
        #expect(
            buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)]).status
                == .ok)
        let listed = buyer.send("GET", "/api/v1/invoices")
        #expect(listed.status == .ok)
        return try #require(listed.json["invoices"]?.arrayValue?.first?["id"]?.stringValue)
    }

    @Test func aClientSeesItsOwnInvoicesAndNobodyElses() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let bert = harness.buyer("bert@example.com")
        let annas = try Self.paidInvoice(anna)
        let list = anna.send("GET", "/api/v1/invoices")
        let first = try #require(list.json["invoices"]?.arrayValue?.first)
        #expect(first["number"]?.stringValue?.hasPrefix("CZ-") == true)
        #expect(first["kind"] == .string("invoice") && first["status"] == .string("PAID"))
        #expect(first["gross_cents"] == .int(832) && first["vat_cents"] == .int(133) && first["net_cents"] == .int(699))
        #expect(first["service_period"]?["start"]?.stringValue == first["issue_date"]?.stringValue)
        let detail = anna.send("GET", "/api/v1/invoices/\(annas)")
        #expect(detail.status == .ok)
        #expect(detail.json["lines"]?.arrayValue?.count == 1)
        #expect(detail.json["seller"]?["vat_id"] == .string("DE136695976"))
        #expect(detail.json["buyer"]?["legal_name"] == .string("Firma anna@example.com"))
        // Bert sees none of it: the list is empty, the id is 404 everywhere.
        #expect(bert.send("GET", "/api/v1/invoices").json["invoices"]?.arrayValue?.isEmpty == true)
        for suffix in ["", "/pdf", "/xml"] {
            let response = bert.send("GET", "/api/v1/invoices/\(annas)\(suffix)")
            #expect(response.status == .notFound, "\(suffix)")
            #expect(response.headers["Content-Type"]?.hasPrefix("application/problem+json") == true)
        }
        #expect(anna.send("GET", "/api/v1/invoices/not-a-uuid").status == .notFound)
        #expect(anna.send("GET", "/api/v1/invoices/00000000-0000-4000-8000-000000000000").status == .notFound)
    }

    @Test func documentsAreServedAsStoredAndAre503UntilRendered() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let id = try Self.paidInvoice(anna)
        let pending = anna.send("GET", "/api/v1/invoices/\(id)/xml")
        #expect(pending.status == .serviceUnavailable && pending.headers["Retry-After"] != nil)
        let xml = Array("<rsm:CrossIndustryInvoice/>".utf8)
        #expect(
            try InvoiceStore(connection: harness.database.connect()).storeDocument(
                invoiceID: id, kind: .xml, bytes: xml))
        let served = anna.send("GET", "/api/v1/invoices/\(id)/xml")
        #expect(served.status == .ok && served.body == xml)
        #expect(served.headers["Content-Type"] == "application/xml")
        #expect(served.headers["Content-Disposition"]?.contains("CZ-") == true)
        #expect(served.headers["Cache-Control"] == "private, no-store")
        #expect(anna.send("GET", "/api/v1/invoices/\(id)/pdf").status == .serviceUnavailable)
    }

    @Test func financeSeesEveryCompanyAndFiltersByCompany() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let bert = harness.buyer("bert@example.com")
        let annas = try Self.paidInvoice(anna)
        _ = try Self.paidInvoice(bert)
        let unverified = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "new@codezero.example",
            secondFactor: false)
        // Staff without their second factor see nothing (403), not even their own company's list.
        #expect(unverified.send("GET", "/api/v1/invoices").status == .forbidden)
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "finance@codezero.example")
        #expect(finance.send("GET", "/api/v1/invoices").json["invoices"]?.arrayValue?.count == 2)
        let company = try #require(anna.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        let filtered = finance.send("GET", "/api/v1/invoices?company_id=\(company)")
        #expect(filtered.json["invoices"]?.arrayValue?.map { $0["id"]?.stringValue } == [annas])
        #expect(finance.send("GET", "/api/v1/invoices/\(annas)").status == .ok)
        #expect(finance.send("GET", "/api/v1/invoices?company_id=nope").status == .badRequest)
        #expect(anna.send("GET", "/api/v1/invoices?limit=0").status == .badRequest)
    }
}

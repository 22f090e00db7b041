import Domain
import Foundation
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// `GET/PUT /api/v1/company/billing-profile`: validated, audited, used by future invoices only.
@Suite struct BillingProfileTests {
    static let austrian: JSON = [
        "legal_name": "Muster Handels GmbH", "street": "Ring 1", "postal_code": "1010", "city": "Wien",
        "country": "AT", "vat_id": "ATU13585627",
    ]

    @Test func theProfileIsReplacedAndTheNextInvoiceUsesIt() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let before = try InvoiceRoutesTests.paidInvoice(anna)
        let shown = anna.send("GET", "/api/v1/company/billing-profile")
        #expect(shown.status == .ok && shown.json["legal_name"] == .string("Firma anna@example.com"))
        let stored = anna.send("PUT", "/api/v1/company/billing-profile", json: Self.austrian)
        #expect(stored.status == .ok)
        #expect(stored.json["vat_id"] == .string("ATU13585627") && stored.json["city"] == .string("Wien"))
        #expect(anna.send("GET", "/api/v1/company/billing-profile").json == stored.json)
        let after = try InvoiceRoutesTests.paidInvoice(anna)
        let invoices = InvoiceStore(connection: harness.database.connect())
        let newer = try #require(try invoices.invoice(id: after))
        #expect(newer.id != before)
        #expect(newer.buyer.legalName == "Muster Handels GmbH" && newer.buyer.city == "Wien")
        #expect(newer.vatCategory == .reverseCharge && newer.vatCents == 0)
        // The invoice issued before keeps its snapshot.
        let older = try #require(try invoices.invoice(id: before))
        #expect(older.buyer.legalName == "Firma anna@example.com" && older.vatCategory == .standard)
    }

    @Test(
        arguments: [
            (["vat_id": "ATU13585628"], "vat_id"),  // checksum
            (["vat_id": nil], "vat_id"),  // an EU buyer outside Germany needs one
            (["country": "ZZ"], "country"),
            (["city": "  "], "city"),
            (["legal_name": nil], "legal_name"),
        ] as [([String: String?], String)])
    func badInputIsA4xxNamingTheFieldAndStoresNothing(change: [String: String?], field: String) throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let original = anna.send("GET", "/api/v1/company/billing-profile").json
        guard case .object(var body) = Self.austrian else { return }
        for (key, value) in change {
            body[key] = value.map { JSON.string($0) }
        }
        let response = anna.send("PUT", "/api/v1/company/billing-profile", json: .object(body))
        #expect(response.status == .unprocessableContent || response.status == .badRequest)
        let fields = response.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
        #expect(fields.contains(field), "\(response.json)")
        #expect(anna.send("GET", "/api/v1/company/billing-profile").json == original)
    }
}

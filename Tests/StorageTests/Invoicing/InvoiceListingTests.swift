import Domain
import Postgres
import Storage
import TestSupport
import Testing

/// The portal's invoice list reads one statement with only the columns it shows; it lists what the full records list,
/// in their order, with the same amounts, and says which invoices' documents are stored.
@Suite struct InvoiceListingTests {
    @Test func theListingIsTheCompanysRecordsInOneStatement() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let other = try BillingFixtures.company(connection, name: "Andere GmbH")
        let store = InvoiceStore(connection: connection)
        func issue(_ draft: InvoiceDraft) throws -> InvoiceRecord {
            try connection.transaction { try InvoiceStore(connection: $0).issue(draft) }
        }
        let paid = try issue(InvoiceStoreTests.draft(companyID: buyer, issueDate: "2026-03-02"))
        var unpaid = InvoiceStoreTests.draft(companyID: buyer, issueDate: "2026-04-01")
        unpaid.payment = nil
        let open = try issue(unpaid)
        var reduction = InvoiceStoreTests.draft(companyID: buyer, issueDate: "2026-04-02")
        reduction.kind = .correction(of: open.id)
        reduction.payment = nil
        reduction.reductionKey = "cancel:test"
        reduction.lines = [
            InvoiceDraft.Line(
                itemID: "credits_5", description: LocalizedText(de: "Gutschrift", en: "Credit"),
                quantityTenThousandths: -10_000, unitCode: "C62", unitNetPriceTenThousandths: 20_000)
        ]
        let settled = try issue(reduction)
        var refund = InvoiceStoreTests.draft(companyID: buyer, issueDate: "2026-03-05")
        refund.kind = .correction(of: paid.id)
        refund.refundID = "re_1"
        refund.payment = InvoiceDraft.Payment(cents: 357, method: "stripe", reference: "re_1")
        refund.lines = reduction.lines
        _ = try issue(refund)
        _ = try issue(InvoiceStoreTests.draft(companyID: other, issueDate: "2026-05-01"))
        #expect(try store.storeDocument(invoiceID: paid.id, kind: .xml, bytes: Array("<Invoice/>".utf8)))
        #expect(try store.storeDocument(invoiceID: paid.id, kind: .pdf, bytes: Array("%PDF-1.7".utf8)))
        #expect(try store.storeDocument(invoiceID: open.id, kind: .xml, bytes: Array("<Invoice/>".utf8)))
        #expect(settled.status == .settled)

        let before = connection.statementsRun
        let listed = try store.listing(companyID: buyer)
        #expect(connection.statementsRun - before == 1)
        let records = try store.invoices(companyID: buyer)
        #expect(records.count == 4 && listed.count == 4)
        #expect(
            listed
                == records.map {
                    InvoiceStore.ListedInvoice(
                        id: $0.id, number: $0.number, kind: $0.kind, correctsNumber: $0.correctsNumber,
                        issueDate: $0.issueDate, status: $0.status, currency: $0.currency, grossCents: $0.grossCents,
                        openCents: $0.openCents, documentsReady: $0.id == paid.id)
                })
        // The reduction counts: the open invoice owes its gross less the settled correction.
        let owed = try #require(listed.first { $0.id == open.id })
        #expect(owed.openCents == open.grossCents - 238 && owed.openCents > 0)
        #expect(try store.listing(companyID: other).map(\.issueDate) == ["2026-05-01"])
        #expect(try store.listing(companyID: buyer, limit: 2).map(\.id) == records.prefix(2).map(\.id))
    }
}

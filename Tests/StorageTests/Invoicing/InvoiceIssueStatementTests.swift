import Domain
import Postgres
import Storage
import TestSupport
import Testing

/// Issuing is one statement (sql/0160 `issue_invoice` + the follow-up job + the re-read): what used to be separate
/// round trips must still happen, in the same transaction, and nothing of it when the statement fails.
@Suite struct InvoiceIssueStatementTests {
    @Test func aLineNamedAfterACreditPackTakesThePacksNameAtIssueAndTheFollowUpJobIsEnqueuedOnce() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        try connection.execute(
            "UPDATE billing_products SET name_de = 'Startpaket', name_en = 'Starter pack' WHERE id = 'credits_5'")
        var draft = InvoiceStoreTests.draft(companyID: buyer)
        draft.lines[0].productID = "credits_5"
        var fallback = InvoiceDraft.Line(
            itemID: "gone", description: LocalizedText(de: "Altpaket", en: "Old pack"), quantity: 2, unitNetCents: 100)
        fallback.productID = "no_such_pack"
        draft.lines.append(fallback)
        let issued = try connection.transaction {
            try InvoiceStore(connection: $0).issue(draft, followUp: InvoiceFollowUpJob(kind: "invoice.render"))
        }
        #expect(issued.netCents == 899 && issued.grossCents == 899 + issued.vatCents)
        let lines = try InvoiceStore(connection: connection).lines(invoiceID: issued.id)
        #expect(
            lines.map(\.description) == [
                LocalizedText(de: "Startpaket", en: "Starter pack"), LocalizedText(de: "Altpaket", en: "Old pack"),
            ])
        #expect(lines.map(\.position) == [1, 2] && lines.map(\.lineNetCents) == [699, 200])
        let jobs = try connection.query(
            """
            SELECT payload->>'invoice_id' AS invoice, dedupe_key, max_attempts FROM jobs WHERE kind = 'invoice.render'
            """)
        #expect(jobs.count == 1)
        #expect(try jobs.first?.string("invoice") == issued.id)
        #expect(try jobs.first?.string("dedupe_key") == "invoice.render:\(issued.id)")
        #expect(try jobs.first?.int("max_attempts") == 10)
        // Without a follow-up nothing is enqueued.
        _ = try connection.transaction {
            try InvoiceStore(connection: $0).issue(InvoiceStoreTests.draft(companyID: buyer))
        }
        #expect(
            try connection.query("SELECT count(*)::bigint AS n FROM jobs WHERE kind = 'invoice.render'")[0].int("n")
                == 1)
    }

    @Test func aFailedIssueWritesNothingAndGivesTheNumberBack() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let purchase = try BillingFixtures.purchase(connection, companyID: buyer)
        // No such company: refused before a number is taken.
        #expect(throws: PostgresError.self) {
            try connection.transaction {
                try InvoiceStore(connection: $0).issue(
                    InvoiceStoreTests.draft(companyID: "00000000-0000-4000-8000-000000000000"),
                    followUp: InvoiceFollowUpJob(kind: "invoice.render"))
            }
        }
        // A line the database refuses (a negative unit price) fails the whole statement: no invoice, no lines,
        // no job, and the number comes back.
        var broken = InvoiceStoreTests.draft(companyID: buyer, purchaseID: purchase.id)
        broken.lines.append(
            InvoiceDraft.Line(
                itemID: "x", description: LocalizedText(de: "x", en: "x"), quantityTenThousandths: -10_000,
                unitCode: "C62", unitNetPriceTenThousandths: -10_000))
        #expect(throws: PostgresError.self) {
            try connection.transaction {
                try InvoiceStore(connection: $0).issue(broken, followUp: InvoiceFollowUpJob(kind: "invoice.render"))
            }
        }
        let counts = try connection.query(
            """
            SELECT (SELECT count(*) FROM invoices)::bigint AS invoices, (SELECT count(*) FROM invoice_lines)::bigint
                AS lines, (SELECT count(*) FROM jobs)::bigint AS jobs,
                (SELECT count(*) FROM invoice_number_counters)::bigint AS counters
            """)[0]
        #expect(try counts.int("invoices") == 0 && counts.int("lines") == 0 && counts.int("jobs") == 0)
        #expect(try counts.int("counters") == 0)
        let issued = try connection.transaction {
            try InvoiceStore(connection: $0).issue(InvoiceStoreTests.draft(companyID: buyer, purchaseID: purchase.id))
        }
        #expect(issued.number.hasSuffix("-000001"))
    }
}

import Domain
import Foundation
import Logging
import Postgres
import Storage
import TestSupport
import Testing

@testable import App

/// Invoices under the retention job: unaltered until `retain_until` (8 years from the end of the issue year, the
/// table's period), then deleted with their lines and documents; an original stays as long as its correction.
@Suite struct RetentionInvoiceTests {
    static func draft(companyID: String, issueDate: String) -> InvoiceDraft {
        var draft = InvoiceDraft(
            kind: .invoice, companyID: companyID,
            lines: [
                InvoiceDraft.Line(
                    itemID: "credits_5", description: LocalizedText(de: "5 Credits", en: "5 credits"), quantity: 1,
                    unitNetCents: 699)
            ],
            currency: .eur, vatRate: .germanStandard, vatCategory: .standard, buyerCountry: "DE", buyerVatID: nil,
            buyerReference: "retention", language: .de, seller: .example)
        draft.issueDate = issueDate
        draft.payment = InvoiceDraft.Payment(cents: 832, method: "stripe", reference: "pi_retention")
        return draft
    }

    /// The instant of `date` at `time` in Europe/Berlin, where invoice dates live.
    static func berlin(_ date: String, _ hour: Int, _ minute: Int, _ second: Int) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let parts = date.split(separator: "-").compactMap { Int($0) }
        return try #require(
            calendar.date(
                from: DateComponents(
                    year: parts[0], month: parts[1], day: parts[2], hour: hour, minute: minute, second: second)))
    }

    @Test func invoicesSurviveUntilRetainUntilThenGo() throws {
        let database = try TestDatabase.makeMigrated()
        let db = database.connect()
        let company = try db.query(
            """
            INSERT INTO companies (name, country, street, postal_code, city)
            VALUES ('Beleg GmbH', 'DE', 'Hauptstr. 1', '10115', 'Berlin') RETURNING id::text AS id
            """)[0].string("id")
        // Issued ten years ago, so that the database's own date (its triggers) allows the deletion too.
        let year = Calendar(identifier: .gregorian).component(.year, from: Date()) - 10
        let store = InvoiceStore(connection: db)
        let lonely = try db.transaction {
            try InvoiceStore(connection: $0).issue(Self.draft(companyID: company, issueDate: "\(year)-03-01"))
        }
        #expect(try store.storeDocument(invoiceID: lonely.id, kind: .xml, bytes: Array("<xml/>".utf8)))
        let original = try db.transaction {
            try InvoiceStore(connection: $0).issue(Self.draft(companyID: company, issueDate: "\(year)-12-20"))
        }
        let correction = try db.transaction { tx in
            var draft = Self.draft(companyID: company, issueDate: "\(year + 1)-01-15")
            draft.kind = .correction(of: original.id)
            draft.lines = [
                InvoiceDraft.Line(
                    itemID: "credits_5", description: LocalizedText(de: "Storno", en: "Cancellation"), quantity: -1,
                    unitNetCents: 699)
            ]
            draft.refundID = "re_retention"
            draft.payment = InvoiceDraft.Payment(cents: 832, method: "stripe", reference: "re_retention")
            return try InvoiceStore(connection: tx).issue(draft)
        }
        // retain_until is the table's period from the end of the issue year.
        let period = RetentionSchedule.rule(for: .invoices).period
        guard case .years(let years) = period else { Issue.record("invoices are kept for years"); return }
        #expect(lonely.retainUntil == "\(year + years)-12-31")
        #expect(correction.retainUntil == "\(year + 1 + years)-12-31")

        let before = try db.query("SELECT id::text AS id, to_jsonb(i)::text AS row FROM invoices i ORDER BY number")
            .map { try $0.string("row") }
        var logger = Logger(label: "codezero.test.retention")
        logger.logLevel = .critical
        let job = ApplyRetention(connection: db, logger: logger)
        func run(_ at: Date) throws { try db.transaction { _ in _ = try job.run(now: at) } }
        func exists(_ id: String) throws -> Bool {
            try db.query("SELECT count(*)::bigint AS n FROM invoices WHERE id = \(id)::uuid")[0].int("n") == 1
        }

        try run(Self.berlin("\(year + years)-12-31", 23, 59, 59))
        #expect(try exists(lonely.id) && exists(original.id) && exists(correction.id))
        // Untouched while kept: every column as issued.
        let during = try db.query("SELECT to_jsonb(i)::text AS row FROM invoices i ORDER BY number").map {
            try $0.string("row")
        }
        #expect(during == before)

        try run(Self.berlin("\(year + years + 1)-01-01", 0, 0, 0))
        #expect(try !exists(lonely.id), "due: deleted the first moment after retain_until")
        #expect(
            try db.query(
                "SELECT (SELECT count(*) FROM invoice_lines WHERE invoice_id = \(lonely.id)::uuid) + (SELECT count(*) FROM invoice_documents WHERE invoice_id = \(lonely.id)::uuid) AS n"
            )[0].int("n") == 0)
        #expect(try exists(original.id), "the original stays as long as its correction")
        #expect(try exists(correction.id))

        try run(Self.berlin("\(year + years + 1)-12-31", 23, 59, 59))
        #expect(try exists(original.id) && exists(correction.id))
        try run(Self.berlin("\(year + years + 2)-01-01", 0, 0, 0))
        #expect(try !exists(original.id) && !exists(correction.id))
    }
    @Test func anInvoiceThatEarnedAReferralRewardGoesAfterRetainUntilAndTheRewardStays() throws {
        let database = try TestDatabase.makeMigrated()
        let db = database.connect()
        func company(_ name: String) throws -> String {
            try db.query(
                """
                INSERT INTO companies (name, country, street, postal_code, city)
                VALUES (\(name), 'DE', 'Hauptstr. 1', '10115', 'Berlin') RETURNING id::text AS id
                """)[0].string("id")
        }
        let referrer = try company("Empfehlende GmbH")
        let referred = try company("Geworbene GmbH")
        try db.execute(
            "INSERT INTO referrals (referred_company_id, referrer_company_id, code) VALUES (\(referred)::uuid, \(referrer)::uuid, 'ABCDEFGH')"
        )
        let year = Calendar(identifier: .gregorian).component(.year, from: Date()) - 10
        var draft = Self.draft(companyID: referred, issueDate: "\(year)-03-01")
        draft.lines = [
            InvoiceDraft.Line(
                itemID: "package", description: LocalizedText(de: "Paket", en: "Package"), quantity: 1,
                unitNetCents: 12_000)
        ]
        draft.payment = InvoiceDraft.Payment(cents: 14_280, method: "stripe", reference: "pi_referral_retention")
        let invoice = try db.transaction { try InvoiceStore(connection: $0).issue(draft) }
        func referral() throws -> (invoice: String?, rewarded: Bool) {
            let row = try db.query(
                "SELECT rewarded_invoice_id::text AS invoice, rewarded_at IS NOT NULL AS rewarded FROM referrals")[0]
            return (try row.optionalString("invoice"), try row.bool("rewarded"))
        }
        #expect(try referral().invoice == invoice.id && referral().rewarded, "the paid invoice earned the reward")
        func rewards() throws -> Int {
            try db.query("SELECT count(*)::bigint AS n FROM credit_ledger WHERE reason = 'referral'")[0].int("n")
        }
        #expect(try rewards() == 2)

        var logger = Logger(label: "codezero.test.retention")
        logger.logLevel = .critical
        let job = ApplyRetention(connection: db, logger: logger)
        guard case .years(let years) = RetentionSchedule.rule(for: .invoices).period else {
            Issue.record("invoices are kept for years")
            return
        }
        try db.transaction { _ in _ = try job.run(now: Self.berlin("\(year + years + 1)-01-01", 0, 0, 0)) }
        #expect(
            try db.query("SELECT count(*)::bigint AS n FROM invoices WHERE id = \(invoice.id)::uuid")[0].int("n") == 0)
        #expect(try referral().invoice == nil && referral().rewarded, "the reward stays, only the reference goes")
        #expect(try rewards() == 2)
    }
}

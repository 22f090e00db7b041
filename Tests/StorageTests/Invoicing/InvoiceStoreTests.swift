import Domain
import Postgres
import Storage
import TestSupport
import Testing

@Suite struct InvoiceStoreTests {
    static func draft(
        companyID: String, purchaseID: String? = nil, category: VATCategory = .standard, issueDate: String? = nil
    ) -> InvoiceDraft {
        var draft = InvoiceDraft(
            kind: .invoice, companyID: companyID,
            lines: [
                InvoiceDraft.Line(
                    itemID: "credits_5", description: LocalizedText(de: "5 Credits", en: "5 credits"), quantity: 1,
                    unitNetCents: 699)
            ],
            currency: .eur, vatRate: category == .standard ? .germanStandard : .zero, vatCategory: category,
            buyerCountry: "DE", buyerVatID: nil, buyerReference: purchaseID ?? "test", language: .de,
            seller: .example)
        draft.purchaseID = purchaseID
        draft.issueDate = issueDate
        draft.payment = InvoiceDraft.Payment(cents: 832, method: "stripe", reference: "pi_test")
        return draft
    }

    @Test func issuesNumberedInvoicesWithTotalsSnapshotsAndRetention() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        try connection.execute(
            "UPDATE companies SET street = 'Hauptstr. 1', postal_code = '10115', city = 'Berlin' WHERE id = \(buyer)::uuid"
        )
        let purchase = try BillingFixtures.purchase(connection, companyID: buyer)
        let first = try connection.transaction {
            try InvoiceStore(connection: $0).issue(
                Self.draft(companyID: buyer, purchaseID: purchase.id, issueDate: "2026-03-02"))
        }
        let second = try connection.transaction {
            try InvoiceStore(connection: $0).issue(Self.draft(companyID: buyer, issueDate: "2026-12-31"))
        }
        let nextYear = try connection.transaction {
            try InvoiceStore(connection: $0).issue(Self.draft(companyID: buyer, issueDate: "2027-01-01"))
        }
        #expect(first.number == "CZ-2026-000001")
        #expect(second.number == "CZ-2026-000002")
        #expect(nextYear.number == "CZ-2027-000001")
        #expect(first.netCents == 699 && first.vatCents == 133 && first.grossCents == 832)
        #expect(first.status == .paid && first.paidCents == 832 && first.paymentReference == "pi_test")
        #expect(first.retainUntil == "2034-12-31" && nextYear.retainUntil == "2035-12-31")
        #expect(first.serviceStart == "2026-03-02" && first.serviceEnd == "2026-03-02")
        #expect(first.buyer.legalName == "Muster GmbH" && first.buyer.street == "Hauptstr. 1")
        #expect(first.seller.name == SellerProfile.example.name && first.seller.isExample)
        #expect(first.legalNote == nil)
        let lines = try InvoiceStore(connection: connection).lines(invoiceID: first.id)
        #expect(lines.count == 1 && lines[0].quantity == "1.0000" && lines[0].unitNetPrice == "6.9900")
        // A later address change does not alter the issued invoice.
        try connection.execute("UPDATE companies SET street = 'Neue Str. 9' WHERE id = \(buyer)::uuid")
        #expect(try InvoiceStore(connection: connection).invoice(id: first.id)?.buyer.street == "Hauptstr. 1")
    }

    @Test func aPurchaseIsInvoicedOnceEvenIfTheCodeTriedTwice() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let purchase = try BillingFixtures.purchase(connection, companyID: buyer)
        _ = try connection.transaction {
            try InvoiceStore(connection: $0).issue(Self.draft(companyID: buyer, purchaseID: purchase.id))
        }
        let error = #expect(throws: PostgresError.self) {
            try connection.transaction {
                try InvoiceStore(connection: $0).issue(Self.draft(companyID: buyer, purchaseID: purchase.id))
            }
        }
        #expect(error?.isUniqueViolation == true)
        // The refused attempt gave its number back: the next invoice is 2, not 3.
        let next = try connection.transaction { try InvoiceStore(connection: $0).issue(Self.draft(companyID: buyer)) }
        #expect(next.sequenceSuffix == "000002")
    }

    @Test func aRolledBackIssueLeavesNoGap() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try connection.transaction { connection in
                let issued = try InvoiceStore(connection: connection).issue(Self.draft(companyID: buyer))
                #expect(issued.sequenceSuffix == "000001")
                throw Abort()
            }
        }
        let issued = try connection.transaction { try InvoiceStore(connection: $0).issue(Self.draft(companyID: buyer)) }
        #expect(issued.sequenceSuffix == "000001")
        #expect(try connection.query("SELECT count(*) AS n FROM invoices")[0].int("n") == 1)
    }

    @Test func fiftyConcurrentIssuesAreNumberedOneToFiftyWithoutGapOrDuplicate() throws {
        let database = try TestDatabase.makeMigrated()
        let setup = database.connect()
        let buyer = try BillingFixtures.company(setup)
        let results = TestThreads.run(count: 50) { index in
            let connection = database.connect()
            defer { connection.close() }
            return try connection.transaction { connection -> String in
                let issued = try InvoiceStore(connection: connection).issue(Self.draft(companyID: buyer))
                // Every fifth transaction fails after taking its number: the number must come back.
                if index % 5 == 0 { throw PostgresError(code: .invalidUsage, message: "rolled back on purpose") }
                return issued.number
            }
        }
        let numbers = results.compactMap { try? $0.get() }
        #expect(numbers.count == 40)
        let sequences = try setup.query("SELECT sequence FROM invoices ORDER BY sequence").map {
            try $0.int("sequence")
        }
        #expect(sequences == Array(1...40))
        #expect(Set(numbers).count == 40)
    }

    @Test func issuedInvoicesLinesAndDocumentsCannotBeChangedOrDeleted() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let issued = try connection.transaction {
            try InvoiceStore(connection: $0).issue(Self.draft(companyID: buyer))
        }
        let store = InvoiceStore(connection: connection)
        #expect(try store.storeDocument(invoiceID: issued.id, kind: .xml, bytes: Array("<Invoice/>".utf8)))
        #expect(try !store.storeDocument(invoiceID: issued.id, kind: .xml, bytes: Array("<Other/>".utf8)))
        #expect(try store.document(invoiceID: issued.id, kind: .xml) == Array("<Invoice/>".utf8))
        #expect(try store.document(invoiceID: issued.id, kind: .pdf) == nil)
        let refused = [
            "UPDATE invoices SET net_cents = 1",
            "UPDATE invoices SET number = 'CZ-2026-000099', sequence = 99",
            "UPDATE invoices SET buyer = '{}'",
            "DELETE FROM invoices",
            "TRUNCATE invoices CASCADE",
            "UPDATE invoice_lines SET quantity = 2, line_net_cents = 1398",
            "DELETE FROM invoice_lines",
            "UPDATE invoice_documents SET content = 'x', sha256 = sha256('x')",
            "DELETE FROM invoice_documents",
            """
            INSERT INTO invoice_lines (invoice_id, position, item_id, description_de, description_en, quantity,
                unit_code, unit_net_price, line_net_cents)
            SELECT id, 2, 'extra', 'Extra', 'Extra', 1, 'C62', 1, 100 FROM invoices
            """,
        ]
        for statement in refused {
            #expect(throws: PostgresError.self, "\(statement)") { try connection.execute(PostgresQuery(statement)) }
        }
        let after = try #require(try store.invoice(id: issued.id))
        #expect(after == issued)
        #expect(try store.lines(invoiceID: issued.id).count == 1)
    }

    @Test func anOpenInvoiceBecomesPaidOnceAndNothingElseChanges() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        var draft = Self.draft(companyID: buyer)
        draft.payment = nil
        let issued = try connection.transaction { try InvoiceStore(connection: $0).issue(draft) }
        #expect(issued.status == .open && issued.paidAt == nil)
        #expect(throws: PostgresError.self) {
            try connection.execute(
                "UPDATE invoices SET status = 'PAID', paid_at = now(), net_cents = 0, vat_cents = 0, gross_cents = 0")
        }
        let store = InvoiceStore(connection: connection)
        #expect(try store.markPaid(invoiceID: issued.id, reference: "pi_123"))
        #expect(try !store.markPaid(invoiceID: issued.id, reference: "pi_456"))
        let paid = try #require(try store.invoice(id: issued.id))
        #expect(paid.status == .paid && paid.paidCents == 832 && paid.paymentReference == "pi_123")
        #expect(throws: PostgresError.self) {
            try connection.execute("UPDATE invoices SET status = 'OPEN', paid_at = NULL")
        }
    }

    @Test func aCorrectionHasItsOwnSeriesNegativeAmountsAndRefersToTheOriginal() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let buyer = try BillingFixtures.company(connection)
        let other = try BillingFixtures.company(connection, name: "Andere GmbH")
        let original = try connection.transaction {
            try InvoiceStore(connection: $0).issue(Self.draft(companyID: buyer, issueDate: "2026-03-02"))
        }
        var correction = Self.draft(companyID: buyer, issueDate: "2026-03-05")
        correction.kind = .correction(of: original.id)
        correction.lines = [
            InvoiceDraft.Line(
                itemID: "credits_5", description: LocalizedText(de: "Teilerstattung", en: "Partial refund"),
                quantityTenThousandths: -10_000, unitCode: "C62", unitNetPriceTenThousandths: 30_000)
        ]
        correction.refundID = "re_1"
        correction.payment = InvoiceDraft.Payment(cents: 357, method: "stripe", reference: "re_1")
        let issued = try connection.transaction { try InvoiceStore(connection: $0).issue(correction) }
        #expect(issued.number == "CZ-K-2026-000001")
        #expect(issued.kind == .correction && issued.corrects == original.id)
        #expect(issued.correctsNumber == original.number && issued.correctsIssueDate == "2026-03-02")
        #expect(issued.netCents == -300 && issued.vatCents == -57 && issued.grossCents == -357)
        #expect(issued.status == .refunded && issued.paidCents == -357)
        let store = InvoiceStore(connection: connection)
        #expect(try store.corrections(of: original.id).map(\.id) == [issued.id])
        #expect(try store.invoices(companyID: buyer).count == 2)
        #expect(try store.invoices(companyID: other).isEmpty)
        #expect(try store.invoices(companyID: nil).count == 2)
        #expect(try store.invoice(id: issued.id, companyID: other) == nil)
        // One correction per Stripe refund.
        let duplicate = #expect(throws: PostgresError.self) {
            try connection.transaction { try InvoiceStore(connection: $0).issue(correction) }
        }
        #expect(duplicate?.isUniqueViolation == true)
    }
}

extension InvoiceRecord {
    /// The six-digit sequence at the end of the number.
    var sequenceSuffix: String { String(number.suffix(6)) }
}

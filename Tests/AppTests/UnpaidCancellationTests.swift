import Domain
import Foundation
import Logging
import Postgres
import Storage
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// An admin ends a subscription immediately while its period invoice is still unpaid (issue #11 item 4): the unused
/// part of the base fee becomes ONE Rechnungskorrektur that reduces the amount due (SETTLED, nothing refunded,
/// keyed `unused:<subscription id>`), collection charges only what is left, and nothing left settles the invoice
/// without a PaymentIntent.
@Suite(.serialized) struct UnpaidCancellationTests {
    static func logger() -> Logger {
        var logger = Logger(label: "test.unpaid-cancellation")
        logger.logLevel = .critical
        return logger
    }

    /// Starts a subscription paid by SEPA Direct Debit (its first invoice stays OPEN while the debit is in flight).
    static func unpaidSubscription(
        _ harness: BillingHarness
    ) throws -> (subscription: String, invoice: String, buyer: TestClient) {
        let buyer = harness.buyer("anna@example.com")
        let (subscription, session) = try SubscriptionFlowTests.start(buyer)
        _ = SubscriptionFlowTests.complete(buyer, session: session, method: "pm_sepa_debit")
        let invoice = try SubscriptionFlowTests.query(
            harness, "SELECT id::text FROM invoices WHERE subscription_id = \(subscription)::uuid")[0].string("id")
        return (subscription, invoice, buyer)
    }

    /// ``unpaidSubscription(_:)`` whose first debit failed (signed `payment_intent.payment_failed`): PAST_DUE, the
    /// invoice in dunning with attempt 2 scheduled.
    static func pastDueSubscription(
        _ harness: BillingHarness
    ) throws -> (subscription: String, invoice: String, buyer: TestClient) {
        let (subscription, invoice, buyer) = try unpaidSubscription(harness)
        let first = try #require(try SubscriptionFlowTests.payments(harness, subscription).last?.intent)
        harness.deliver(
            SubscriptionFlowTests.intentEvent(
                .paymentIntentPaymentFailed, intent: first, amount: 58_310, subscription: subscription,
                invoice: invoice, attempt: 1))
        try harness.runJobs()
        return (subscription, invoice, buyer)
    }

    static func corrections(
        _ harness: BillingHarness, of invoice: String
    ) throws -> [(id: String, number: String, status: String, gross: Int, paid: Int, key: String?)] {
        try SubscriptionFlowTests.query(
            harness,
            """
            SELECT id::text, number, status, gross_cents, paid_cents, reduction_key FROM invoices
            WHERE corrects = \(invoice)::uuid ORDER BY number
            """
        ).map {
            (
                try $0.string("id"), try $0.string("number"), try $0.string("status"), try $0.int("gross_cents"),
                try $0.int("paid_cents"), try $0.optionalString("reduction_key")
            )
        }
    }

    static func charge(
        _ harness: BillingHarness, invoice: String, subscription: String, attempt: Int
    ) throws
        -> ChargeInvoice.Outcome?
    {
        let connection = harness.database.connect()
        defer { connection.close() }
        return try connection.transaction { connection in
            try ChargeInvoice(gateway: { () throws(StripeError) in SimulatedGateway() }, logger: logger()).charge(
                invoiceID: invoice, subscriptionID: subscription, attempt: attempt, connection: connection)
        }
    }

    /// An open amount below the smallest charge (0.50 €; Stripe refuses less with `amount_too_small`) is not sent to
    /// Stripe: no attempt, no payment row, no dunning; the invoice stays OPEN with it for finance. 0.50 € is charged.
    @Test(arguments: [(48_975, 30, false), (48_950, 59, true)])
    func anOpenAmountBelowTheSmallestChargeIsNotCharged(net: Int, left: Int, charged: Bool) throws {
        let harness = try BillingHarness()
        let (subscription, invoice, _) = try Self.pastDueSubscription(harness)
        let connection = harness.database.connect()
        // At 19 %: 48,975 net → 58,280 gross, 30 cents of 58,310 left; 48,950 → 58,251 (58,250.5 rounded), 59 left.
        _ = try connection.transaction { connection in
            try ReduceUnpaidPeriodInvoice(
                issuer: IssueInvoice(seller: .example, logger: Self.logger()), logger: Self.logger()
            ).reduce(invoiceID: invoice, netCents: net, subscriptionID: subscription, connection: connection)
        }
        let store = InvoiceStore(connection: connection)
        #expect(try store.openCents(invoiceID: invoice) == left)
        let attempts = try SubscriptionFlowTests.payments(harness, subscription).count
        let outcome = try Self.charge(harness, invoice: invoice, subscription: subscription, attempt: 2)
        #expect((outcome != nil) == charged)
        #expect(try SubscriptionFlowTests.payments(harness, subscription).count == attempts + (charged ? 1 : 0))
        if !charged { #expect(try store.invoice(id: invoice)?.status == .open) }
    }

    @Test func anAdminEndsAPastDueSubscriptionNowAndTheUnusedPartReducesTheAmountDue() throws {
        let harness = try BillingHarness()
        let (subscription, invoice, buyer) = try Self.pastDueSubscription(harness)
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] == "PAST_DUE")

        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "admin@codezero.example")
        let ended = admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true])
        #expect(ended.status == .ok && ended.json["status"] == "CANCELED", "\(ended.json)")
        let credited = try #require(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT (details->>'gross_cents')::bigint AS gross FROM subscription_events
                WHERE subscription_id = \(subscription)::uuid AND event = 'credit.unused_part'
                """
            ).first
        ).int("gross")
        // Ended during the period's first day: almost the whole base fee is unused, never more than the invoice.
        #expect(credited > 50_000 && credited < 58_310)

        // ONE correction: its own CZ-K number, SETTLED (nothing refunded), keyed for exactly-once.
        let issued = try Self.corrections(harness, of: invoice)
        #expect(issued.count == 1)
        let correction = try #require(issued.first)
        #expect(correction.number.hasPrefix("CZ-K-"))
        #expect(correction.status == "SETTLED" && correction.paid == 0)
        #expect(correction.gross == -credited)
        #expect(correction.key == "unused:\(subscription)")
        // The original stays OPEN for what is still owed; that is all collection may charge.
        let store = InvoiceStore(connection: harness.database.connect())
        #expect(try store.invoice(id: invoice)?.status == .open)
        let open = try store.openCents(invoiceID: invoice)
        #expect(open == 58_310 - credited)
        // No refund was queued: nothing was paid.
        let refunds = try SubscriptionFlowTests.query(
            harness, "SELECT count(*)::bigint AS n FROM jobs WHERE kind = 'subscription.refund_unused'")[0].int("n")
        #expect(refunds == 0)

        // Exactly once: a repeated cancel is refused and the use case itself finds the correction.
        #expect(
            admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true]).status
                == .conflict)
        let connection = harness.database.connect()
        let again = try connection.transaction { connection in
            try ReduceUnpaidPeriodInvoice(
                issuer: IssueInvoice(seller: .example, logger: Self.logger()), logger: Self.logger()
            ).reduce(invoiceID: invoice, netCents: 10_000, subscriptionID: subscription, connection: connection)
        }
        #expect(again?.id == correction.id)
        #expect(try Self.corrections(harness, of: invoice).count == 1)

        // Its documents say it reduces the amount due (not "Erstattet"), and the XML passes XSD, EN 16931 and KoSIT.
        try harness.runJobs()
        let xml = try #require(try store.document(invoiceID: correction.id, kind: .xml))
        let text = String(decoding: xml, as: UTF8.self)
        #expect(
            text.contains("Mindert den offenen Betrag der Rechnung")
                || text.contains("Reduces the amount due on invoice"), "\(text)")
        #expect(!text.contains("Erstattet") && !text.contains("Refunded"))
        try FileManager.default.createDirectory(
            atPath: "\(InvoicePDFTests.root)/var/artifacts/invoices", withIntermediateDirectories: true)
        let file = "\(InvoicePDFTests.root)/var/artifacts/invoices/unused-part-reduction.xml"
        try Data(xml).write(to: URL(fileURLWithPath: file))
        let validation = try InvoicePDFTests.run([
            "\(InvoicePDFTests.root)/var/validators/bin/python", "\(InvoicePDFTests.root)/scripts/validate-einvoice.py",
            file,
        ])
        #expect(validation.status == 0, "\(validation.output)")

        // The bookkeeping export carries the correction with its negative amounts next to the invoice.
        let rows = try connection.transaction { connection in
            try InvoiceStore(connection: connection).bookkeepingRows(
                from: "2000-01-01", to: "9999-12-31", firstDebtorAccount: 10_000)
        }
        #expect(rows.first { $0.id == correction.id }?.grossCents == -credited)
        #expect(rows.first { $0.id == correction.id }?.kind == .correction)

        // Collection charges only the open amount; paid, the invoice records exactly that.
        _ = try Self.charge(harness, invoice: invoice, subscription: subscription, attempt: 2)
        let charged = try SubscriptionFlowTests.query(
            harness,
            """
            SELECT amount_cents FROM subscription_payments
            WHERE invoice_id = \(invoice)::uuid AND attempt = 2
            """)
        #expect(try charged.first?.int("amount_cents") == open)
        let marked = try connection.transaction { connection in
            try InvoiceStore(connection: connection).markPaid(invoiceID: invoice, reference: "pi_test")
        }
        #expect(marked)
        let paid = try #require(try store.invoice(id: invoice))
        #expect(paid.status == .paid && paid.paidCents == open)
    }

    @Test func anInvoiceReducedToNothingIsSettledAndNeverCharged() throws {
        let harness = try BillingHarness()
        let (subscription, invoice, _) = try Self.unpaidSubscription(harness)
        let store = InvoiceStore(connection: harness.database.connect())
        let original = try #require(try store.invoice(id: invoice))
        let attempts = try SubscriptionFlowTests.payments(harness, subscription).count
        let connection = harness.database.connect()
        let reducer = ReduceUnpaidPeriodInvoice(
            issuer: IssueInvoice(seller: .example, logger: Self.logger()), logger: Self.logger())
        // Ended before the period began: the whole base fee is unused; the correction mirrors the lines.
        let correction = try #require(
            try connection.transaction { connection in
                try reducer.reduce(
                    invoiceID: invoice, netCents: original.netCents, subscriptionID: subscription,
                    connection: connection)
            })
        #expect(correction.grossCents == -original.grossCents && correction.status == .settled)
        #expect(try store.lines(invoiceID: correction.id).count == (try store.lines(invoiceID: invoice).count))
        let settled = try #require(try store.invoice(id: invoice))
        #expect(settled.status == .settled && settled.paidCents == 0)
        #expect(try store.openCents(invoiceID: invoice) == 0)

        // Nothing is charged any more: no PaymentIntent, no payment row; a late success cannot make it PAID.
        #expect(try Self.charge(harness, invoice: invoice, subscription: subscription, attempt: 2) == nil)
        #expect(try SubscriptionFlowTests.payments(harness, subscription).count == attempts)
        let late = try connection.transaction { connection in
            try InvoiceStore(connection: connection).markPaid(invoiceID: invoice, reference: "pi_late")
        }
        #expect(!late)
        // The database itself keeps it to one reduction per key and refuses SETTLED → anything.
        var draft = InvoiceDraft(
            kind: .correction(of: invoice), companyID: original.companyID,
            lines: [
                InvoiceDraft.Line(
                    itemID: "unused-period", description: .init(de: "x", en: "x"), quantity: -1, unitNetCents: 1)
            ],
            currency: .eur, vatRate: VATRate(basisPoints: original.vatRateBasisPoints),
            vatCategory: original.vatCategory, buyerCountry: original.buyer.country, buyerVatID: original.buyer.vatID,
            buyerReference: original.buyer.reference, language: original.language, seller: .example)
        draft.reductionKey = ReduceUnpaidPeriodInvoice.key(subscriptionID: subscription)
        #expect(throws: PostgresError.self) {
            try connection.transaction { connection in _ = try InvoiceStore(connection: connection).issue(draft) }
        }
        #expect(throws: PostgresError.self) {
            try connection.execute("UPDATE invoices SET status = 'PAID' WHERE id = \(invoice)::uuid")
        }
        #expect(try Self.corrections(harness, of: invoice).count == 1)
    }
}

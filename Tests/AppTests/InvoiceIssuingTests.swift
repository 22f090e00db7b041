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

/// Every paid purchase gets exactly one invoice, issued in the fulfilment transaction.
@Suite struct InvoiceIssuingTests {
    static func invoices(_ harness: BillingHarness, purchase: String) throws -> [String] {
        try harness.database.connect().query(
            "SELECT number FROM invoices WHERE purchase_id = \(purchase)::uuid ORDER BY number"
        ).map { try $0.string("number") }
    }

    @Test func aPaidCreditPackIsInvoicedOnceWhateverArrivesAndHowOften() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let purchase = try #require(started.json["purchase_id"]?.stringValue)
        let session = try #require(started.json["session_id"]?.stringValue)
        #expect(
            buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)]).status
                == .ok)
        // The webhook (twice) and the success page after the simulated completion change nothing.
        for _ in 0..<2 {
            harness.deliver(harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 832))
        }
        try harness.runJobs()
        _ = buyer.send("GET", "/de/checkout/erfolg?session_id=\(session)")
        let numbers = try Self.invoices(harness, purchase: purchase)
        #expect(numbers.count == 1)
        let connection = harness.database.connect()
        let invoice = try #require(try InvoiceStore(connection: connection).invoice(purchaseID: purchase))
        #expect(invoice.netCents == 699 && invoice.vatCents == 133 && invoice.grossCents == 832)
        #expect(invoice.status == .paid && invoice.paidCents == 832 && invoice.paymentMethod == "mock")
        #expect(invoice.vatCategory == .standard && invoice.legalNote == nil)
        #expect(invoice.buyer.legalName == "Firma anna@example.com" && invoice.buyer.email == "anna@example.com")
        #expect(invoice.seller == SellerProfile.example)
        // The issuing transaction enqueued the rendering, once.
        let jobs = try connection.query(
            "SELECT count(*)::bigint AS n FROM jobs WHERE kind = 'invoice.render' AND payload->>'invoice_id' = \(invoice.id)"
        )
        #expect(try jobs[0].int("n") == 1)
    }

    @Test(
        arguments: [
            ("AT", "ATU13585627", VATCategory.reverseCharge, 0, "Steuerschuldnerschaft des Leistungsempfängers"),
            ("CH", nil, VATCategory.outsideScope, 0, "Nicht im Inland steuerbare Leistung"),
        ] as [(String, String?, VATCategory, Int, String)])
    func everyVATBranchIsStoredWithItsNote(
        country: String, vatID: String?, category: VATCategory, vat: Int, note: String
    ) throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com", country: country, vatId: vatID)
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let purchase = try #require(started.json["purchase_id"]?.stringValue)
        let session = try #require(started.json["session_id"]?.stringValue)
        _ = buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)])
        let invoice = try #require(
            try InvoiceStore(connection: harness.database.connect()).invoice(purchaseID: purchase))
        #expect(invoice.vatCategory == category && invoice.vatCents == vat && invoice.grossCents == 699)
        #expect(invoice.legalNote?.de == note)
        #expect(invoice.buyer.vatID == vatID && invoice.buyer.country == country)
        #expect(invoice.seller.vatID == "DE136695976")
        #expect(invoice.language == (country == "AT" || country == "CH" ? .de : .en))
    }

    @Test func aPaidOrderIsInvoicedWithItsLines() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let placed = buyer.send("POST", "/api/v1/orders", json: ["package": "ai_assessment", "addons": []])
        let order = try #require(placed.json["id"]?.stringValue)
        let checkout = buyer.send("POST", "/api/v1/orders/\(order)/checkout")
        let session = try #require(checkout.json["session_id"]?.stringValue)
        let purchase = try #require(checkout.json["purchase_id"]?.stringValue)
        _ = buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)])
        let connection = harness.database.connect()
        let invoice = try #require(try InvoiceStore(connection: connection).invoice(purchaseID: purchase))
        #expect(invoice.orderID == order)
        let lines = try InvoiceStore(connection: connection).lines(invoiceID: invoice.id)
        #expect(!lines.isEmpty && lines.reduce(0) { $0 + $1.lineNetCents } == invoice.netCents)
        #expect(lines[0].itemID == "ai_assessment")
    }

    @Test func fiftyConcurrentPaidPurchasesGetFiftyInvoicesNumberedOneToFifty() throws {
        let harness = try BillingHarness()
        let setup = harness.database.connect()
        let company = try setup.query(
            "INSERT INTO companies (name, country) VALUES ('Muster GmbH', 'DE') RETURNING id::text")[0]
            .string("id")
        let vat = try VATDecision.decide(buyerCountryCode: "DE", vatId: nil)
        var purchases: [PurchaseRecord] = []
        for index in 0..<50 {
            let purchase = try PurchaseStore(connection: setup).create(
                NewPurchase(
                    companyID: CompanyID(company), userID: nil, provider: .mock, kind: .credits, productID: "credits_5",
                    orderID: nil, credits: 5, net: .eur(699), vat: vat))
            try PurchaseStore(connection: setup).attachSession(
                purchaseID: purchase.id, sessionID: "cs_test_mock_\(index)")
            purchases.append(purchase)
        }
        let all = purchases
        let database = harness.database
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let quiet = logger
        // 60 fulfilments: every purchase once, the first ten a second time at the same moment.
        let started = Date()
        let results = TestThreads.run(count: 60) { index in
            let purchase = all[index % 50]
            let connection = database.connect()
            defer { connection.close() }
            return try connection.transaction { connection in
                try FulfilPurchase.apply(
                    .sessionCompleted(paymentStatus: "paid", amountTotal: 832, currency: "eur"),
                    purchaseID: purchase.id,
                    sessionID: nil, seller: .example, connection: connection, logger: quiet
                ).0
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        let outcomes = try results.map { try $0.get() }
        #expect(outcomes.filter { $0 == .applied(status: .paid, fulfilled: true) }.count == 50)
        let sequences = try setup.query("SELECT sequence FROM invoices WHERE series = 'CZ' ORDER BY sequence").map {
            try $0.int("sequence")
        }
        #expect(sequences == Array(1...50))
        let distinct = try setup.query("SELECT count(DISTINCT purchase_id)::bigint AS n FROM invoices")[0].int("n")
        #expect(distinct == 50)
        #expect(elapsed < 60)
    }
}

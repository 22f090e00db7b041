import Domain
import Foundation
import Jobs
import Logging
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// The `invoice.render` job turns a paid purchase's invoice into its stored XML (valid XRechnung) and its
/// Factur-X PDF with those very bytes embedded; a rendering failure is retried, visible, and loses nothing.
@Suite struct RenderInvoiceDocumentsTests {
    static let root = InvoicePDFTests.root
    static let artifacts = "\(root)/var/artifacts/invoices/rendered"

    /// Buys a credit pack as a buyer of `country` and returns the invoice id.
    static func paidInvoice(_ harness: BillingHarness, country: String, vatId: String?) throws -> String {
        let buyer = harness.buyer("anna-\(country.lowercased())@example.com", country: country, vatId: vatId)
        // §14 UStG and XRechnung (BR-DE-8/9) need the buyer's full address on the invoice.
        try harness.database.connect().execute(
            """
            UPDATE companies SET street = 'Ring 5', postal_code = '1010', city = 'Wien'
            WHERE name = \("Firma anna-\(country.lowercased())@example.com")
            """)
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let purchase = try #require(started.json["purchase_id"]?.stringValue)
        let session = try #require(started.json["session_id"]?.stringValue)
        #expect(
            buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)]).status
                == .ok)
        let invoice = try #require(
            try InvoiceStore(connection: harness.database.connect()).invoice(purchaseID: purchase))
        return invoice.id
    }

    @Test func paidInvoicesGetValidXMLAndAPDFWithTheSameXML() throws {
        let harness = try BillingHarness()
        var ids: [(String, String)] = []
        for (country, vatId) in [("DE", nil), ("AT", "ATU13585627"), ("CH", nil)] as [(String, String?)] {
            ids.append((country, try Self.paidInvoice(harness, country: country, vatId: vatId)))
        }
        let report = try harness.runJobs()
        #expect(report.dead == 0)
        let store = InvoiceStore(connection: harness.database.connect())
        #expect(try store.renderBacklog().missingDocuments == 0)
        try FileManager.default.createDirectory(atPath: Self.artifacts, withIntermediateDirectories: true)
        var xmlFiles: [URL] = []
        for (country, id) in ids {
            let xml = try #require(try store.document(invoiceID: id, kind: .xml))
            let pdf = try #require(try store.document(invoiceID: id, kind: .pdf))
            let xmlFile = URL(fileURLWithPath: "\(Self.artifacts)/\(country).xml")
            let pdfFile = "\(Self.artifacts)/\(country).pdf"
            try Data(xml).write(to: xmlFile)
            try Data(pdf).write(to: URL(fileURLWithPath: pdfFile))
            xmlFiles.append(xmlFile)
            let check = try InvoicePDFTests.run([
                "\(Self.root)/var/invoice-pdf/bin/python", "\(Self.root)/scripts/check-invoice-pdf.py", pdfFile,
                xmlFile.path,
            ])
            #expect(check.status == 0, "\(country): \(check.output)")
        }
        let validation = try InvoicePDFTests.run(
            ["\(Self.root)/var/validators/bin/python", "\(Self.root)/scripts/validate-einvoice.py"]
                + xmlFiles.map(\.path))
        #expect(validation.status == 0, "\(validation.output)")
        // The SHA-256 stored is the documents' own (the table checks it too); a second run changes nothing.
        let hashes = try harness.database.connect().query(
            "SELECT count(*)::bigint AS n FROM invoice_documents WHERE sha256 = sha256(content)")
        #expect(try hashes[0].int("n") == 6)
        #expect(try harness.runJobs().ran == 0)
    }

    @Test func aFailingRendererIsRetriedVisiblyAndThenSucceeds() throws {
        let harness = try BillingHarness()
        let id = try Self.paidInvoice(harness, country: "DE", vatId: nil)
        var logger = Logger(label: "codezero.test.render")
        logger.logLevel = .critical
        // A renderer that cannot start: the job fails, nothing is stored, the job waits for its retry.
        let broken = JobRunner(connection: harness.database.connect(), logger: logger)
        let failing = RenderInvoiceDocuments(renderer: InvoicePDFRenderer(root: "/nonexistent"), logger: logger)
        broken.register(JobKinds.renderInvoice) { job, connection in
            try failing.render(invoiceID: id, connection: connection)
        }
        let first = try broken.runOnce()
        #expect(first.retried == 1 && first.completed == 0)
        let store = InvoiceStore(connection: harness.database.connect())
        #expect(try store.document(invoiceID: id, kind: .xml) == nil)
        let backlog = try store.renderBacklog()
        #expect(backlog.missingDocuments == 1 && backlog.failingJobs == 1)
        let metrics = InvoiceRenderMetrics.openMetrics(missingDocuments: 1, failingJobs: 1)
        #expect(metrics.contains("codezero_invoice_render_failing 1\n"))
        // The retry (made due now) with the real renderer stores both documents.
        try harness.database.connect().execute(
            "UPDATE jobs SET run_at = now() WHERE kind = 'invoice.render' AND state = 'queued'")
        #expect(try harness.runJobs().completed >= 1)
        #expect(try store.document(invoiceID: id, kind: .pdf) != nil)
        // With the documents stored, the receipt with both attached is queued, once.
        let receipts = try harness.database.connect().query(
            "SELECT count(*)::bigint AS n FROM mail_outbox WHERE dedupe_key = \("payment-receipt:" + id)")
        #expect(try receipts[0].int("n") == 1)
        #expect(try store.renderBacklog().missingDocuments == 0 && store.renderBacklog().failingJobs == 0)
    }

    @Test func anUnknownInvoiceIsAPermanentFailure() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let render = RenderInvoiceDocuments(renderer: InvoicePDFRenderer(root: Self.root), logger: Logger(label: "t"))
        #expect(throws: JobsError.self) {
            try render.render(invoiceID: "00000000-0000-0000-0000-000000000000", connection: connection)
        }
    }
}

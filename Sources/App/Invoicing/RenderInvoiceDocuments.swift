import Domain
import Foundation
import Jobs
import Logging
import Pages
import Postgres
import Storage
import Web

/// The `invoice.render` job: loads an issued invoice as an ``InvoiceDocument``, writes its XRechnung XML and its
/// Factur-X PDF with that same XML embedded, and stores both (bytes + SHA-256, once) in the job's transaction.
/// A failure throws, so the job is retried with backoff and the invoice stays without documents until it
/// succeeds; `codezero_invoice_documents_missing` and `codezero_invoice_render_failing` make that visible.
struct RenderInvoiceDocuments {
    let renderer: InvoicePDFRenderer
    let logger: Logger

    /// Renders and stores the documents of invoice `invoiceID` that are not stored yet.
    func render(invoiceID: String, connection: PostgresConnection) throws {
        let store = InvoiceStore(connection: connection)
        guard let record = try store.invoice(id: invoiceID) else {
            throw JobsError.permanentFailure("invoice \(invoiceID) does not exist")
        }
        let document = try record.document(lines: try store.lines(invoiceID: invoiceID))
        try document.validate()
        // A stored XML is the legal original: a later PDF embeds exactly those bytes.
        var xml = try store.document(invoiceID: invoiceID, kind: .xml)
        if xml == nil {
            let written = Array(XRechnungWriter.xml(document).utf8)
            try store.storeDocument(invoiceID: invoiceID, kind: .xml, bytes: written)
            xml = written
        }
        if try store.document(invoiceID: invoiceID, kind: .pdf) == nil, let xml {
            let started = ContinuousClock.now
            let pdf = try renderer.render(html: InvoiceHTML.html(document), xml: String(decoding: xml, as: UTF8.self))
            try store.storeDocument(invoiceID: invoiceID, kind: .pdf, bytes: pdf)
            // The receipt with both documents, in this transaction: mailed exactly when they exist.
            try InvoiceDocumentsMail.enqueue(for: record, xml: xml, pdf: pdf, on: connection)
            logger.info(
                "invoice documents rendered",
                metadata: [
                    "invoice.id": "\(invoiceID)", "invoice.number": "\(record.number)",
                    "pdf.bytes": "\(pdf.count)", "pdf.duration": "\(ContinuousClock.now - started)",
                ])
        }
    }

    /// Registers the handler on `runner`, with one renderer process for the runner's life.
    static func register(on runner: JobRunner, logger: Logger) {
        let render = RenderInvoiceDocuments(
            renderer: InvoicePDFRenderer(root: InvoicePDFRenderer.projectRoot()), logger: logger)
        runner.register(JobKinds.renderInvoice) { job, connection in
            guard let invoiceID = (try? JSON.parse(Array(job.payload.utf8)))?["invoice_id"]?.stringValue else {
                throw JobsError.permanentFailure("payload without invoice_id")
            }
            do {
                try render.render(invoiceID: invoiceID, connection: connection)
            } catch {
                logger.error(
                    "invoice rendering failed", metadata: ["invoice.id": "\(invoiceID)", "error": "\(error)"])
                throw error
            }
        }
    }
}

import OpenMetrics

/// The invoice-rendering families of `/metrics` (gauges): `codezero_invoice_documents_missing` (issued invoices
/// whose XML or PDF is not stored yet; it should return to 0 within seconds) and `codezero_invoice_render_failing`
/// (render jobs that failed and wait for a retry or are dead: each one an invoice nobody has received yet).
enum InvoiceRenderMetrics {
    /// OpenMetrics lines without the final `# EOF`.
    static func openMetrics(missingDocuments: Int, failingJobs: Int) -> String {
        var metrics = OpenMetricsWriter()
        metrics.single(
            "codezero_invoice_documents_missing", .gauge,
            help: "Issued invoices whose XML or PDF is not stored yet.", missingDocuments)
        metrics.single(
            "codezero_invoice_render_failing", .gauge,
            help: "Invoice render jobs that failed and are not done (retrying or dead).", failingJobs)
        return metrics.text
    }
}

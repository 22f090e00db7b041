/// The invoice-rendering families of `/metrics` (gauges): `codezero_invoice_documents_missing` (issued invoices
/// whose XML or PDF is not stored yet; it should return to 0 within seconds) and `codezero_invoice_render_failing`
/// (render jobs that failed and wait for a retry or are dead: each one an invoice nobody has received yet).
enum InvoiceRenderMetrics {
    /// OpenMetrics lines without the final `# EOF`.
    static func openMetrics(missingDocuments: Int, failingJobs: Int) -> String {
        [
            "# TYPE codezero_invoice_documents_missing gauge",
            "# HELP codezero_invoice_documents_missing Issued invoices whose XML or PDF is not stored yet.",
            "codezero_invoice_documents_missing \(missingDocuments)",
            "# TYPE codezero_invoice_render_failing gauge",
            "# HELP codezero_invoice_render_failing Invoice render jobs that failed and are not done (retrying or dead).",
            "codezero_invoice_render_failing \(failingJobs)",
        ].joined(separator: "\n") + "\n"
    }
}

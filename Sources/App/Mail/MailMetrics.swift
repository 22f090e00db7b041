import OpenMetrics
import Postgres
import Storage

/// The outbox in `/metrics`: rows by status and the latest failures with the server's reply, so a refused
/// mail is visible without reading logs.
enum MailMetrics {
    /// OpenMetrics families `codezero_mail_outbox{status}` and `codezero_mail_failure_info{id,template,reply}`,
    /// without the final `# EOF`.
    static func openMetrics(on connection: PostgresConnection) throws -> String {
        let store = MailOutboxStore(connection: connection)
        var metrics = OpenMetricsWriter()
        metrics.family("codezero_mail_outbox", .gauge, help: "Mails in the outbox by status.")
        for (status, count) in try store.counts().sorted(by: { $0.key < $1.key }) {
            metrics.sample("codezero_mail_outbox", ["status": status], count)
        }
        metrics.family(
            "codezero_mail_failure", .info, help: "The latest FAILED mails with the reason (the server's reply).")
        for failure in try store.recentFailures(limit: 10) {
            metrics.sample(
                "codezero_mail_failure_info",
                ["id": "\(failure.id)", "template": failure.template, "reply": failure.reply],
                1)
        }
        return metrics.text
    }
}

import Postgres
import Storage

/// The outbox in `/metrics`: rows by status and the latest failures with the server's reply, so a refused
/// mail is visible without reading logs.
enum MailMetrics {
    /// OpenMetrics families `codezero_mail_outbox{status}` and `codezero_mail_failure_info{id,template,reply}`,
    /// without the final `# EOF`.
    static func openMetrics(on connection: PostgresConnection) throws -> String {
        let store = MailOutboxStore(connection: connection)
        var lines = ["# TYPE codezero_mail_outbox gauge", "# HELP codezero_mail_outbox Mails in the outbox by status."]
        for (status, count) in try store.counts().sorted(by: { $0.key < $1.key }) {
            lines.append("codezero_mail_outbox{status=\"\(status)\"} \(count)")
        }
        lines.append("# TYPE codezero_mail_failure info")
        lines.append("# HELP codezero_mail_failure The latest FAILED mails with the reason (the server's reply).")
        for failure in try store.recentFailures(limit: 10) {
            lines.append(
                "codezero_mail_failure_info{id=\"\(failure.id)\",template=\"\(escape(failure.template))\","
                    + "reply=\"\(escape(failure.reply))\"} 1")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A label value with `\`, `"` and newlines escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}

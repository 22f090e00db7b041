extension JobQueueStats {
    /// The stats as OpenMetrics text (families `<prefix>`, `<prefix>_due`, `<prefix>_awaiting_retry`,
    /// `<prefix>_expired_leases`, `<prefix>_retries`, `<prefix>_oldest_due_age_seconds`), one line per
    /// sample, without the final `# EOF` so that it can be joined with other families. Every state is
    /// reported for every kind seen, so a series does not vanish when its count drops to zero.
    public func openMetrics(prefix: String = "codezero_jobs") -> String {
        let kinds = byKind.keys.sorted()
        var lines: [String] = []
        func family(_ name: String, _ help: String, _ samples: [(String, Int)]) {
            lines.append("# TYPE \(name) gauge")
            lines.append("# HELP \(name) \(help)")
            for (labels, value) in samples { lines.append("\(name)\(labels) \(value)") }
        }
        family(
            prefix, "Jobs in the table by kind and state.",
            kinds.flatMap { kind in
                JobState.allCases.map { ("{kind=\"\(Self.escape(kind))\",state=\"\($0)\"}", byKind[kind]![$0]) }
            })
        let perKind: [(String, String, KeyPath<JobCounts, Int>)] = [
            ("due", "Queued jobs whose run_at has passed.", \.due),
            ("awaiting_retry", "Queued jobs that failed before and wait for their retry.", \.awaitingRetry),
            ("expired_leases", "Running jobs whose lease has expired.", \.expiredLeases),
            ("retries", "Retries started, summed over the jobs kept in the table.", \.retries),
        ]
        for (suffix, help, path) in perKind {
            family(
                "\(prefix)_\(suffix)", help, kinds.map { ("{kind=\"\(Self.escape($0))\"}", byKind[$0]![keyPath: path]) }
            )
        }
        let age = oldestDueAge.map { Double($0.jobMicroseconds) / 1_000_000 } ?? 0
        lines.append("# TYPE \(prefix)_oldest_due_age_seconds gauge")
        lines.append("# HELP \(prefix)_oldest_due_age_seconds How long the oldest due job has been waiting.")
        lines.append("\(prefix)_oldest_due_age_seconds \(age)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes a label value (backslash, double quote, newline).
    static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

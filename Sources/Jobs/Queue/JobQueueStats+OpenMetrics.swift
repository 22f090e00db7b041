import OpenMetrics

extension JobQueueStats {
    /// The stats as OpenMetrics text (families `<prefix>`, `<prefix>_due`, `<prefix>_awaiting_retry`,
    /// `<prefix>_expired_leases`, `<prefix>_retries`, `<prefix>_oldest_due_age_seconds`), one line per
    /// sample, without the final `# EOF` so that it can be joined with other families. Every state is
    /// reported for every kind seen, so a series does not vanish when its count drops to zero.
    public func openMetrics(prefix: String = "codezero_jobs") -> String {
        let kinds = byKind.keys.sorted()
        var metrics = OpenMetricsWriter()
        metrics.family(prefix, .gauge, help: "Jobs in the table by kind and state.")
        for kind in kinds {
            for state in JobState.allCases {
                metrics.sample(prefix, ["kind": kind, "state": "\(state)"], byKind[kind]![state])
            }
        }
        let perKind: [(String, String, KeyPath<JobCounts, Int>)] = [
            ("due", "Queued jobs whose run_at has passed.", \.due),
            ("awaiting_retry", "Queued jobs that failed before and wait for their retry.", \.awaitingRetry),
            ("expired_leases", "Running jobs whose lease has expired.", \.expiredLeases),
            ("retries", "Retries started, summed over the jobs kept in the table.", \.retries),
        ]
        for (suffix, help, path) in perKind {
            metrics.family("\(prefix)_\(suffix)", .gauge, help: help)
            for kind in kinds { metrics.sample("\(prefix)_\(suffix)", ["kind": kind], byKind[kind]![keyPath: path]) }
        }
        let age = oldestDueAge.map { Double($0.jobMicroseconds) / 1_000_000 } ?? 0
        metrics.single(
            "\(prefix)_oldest_due_age_seconds", .gauge, help: "How long the oldest due job has been waiting.", age)
        return metrics.text
    }
}

import Jobs
import Testing

@Suite struct JobQueueStatsTests {
    @Test func openMetricsHasEveryStateForEveryKind() {
        let stats = JobQueueStats(
            byKind: [
                "stripe.event": JobCounts(byState: [.queued: 3, .dead: 1], due: 2, awaitingRetry: 1, retries: 4),
                "mail": JobCounts(byState: [.running: 1], expiredLeases: 1),
            ], oldestDueAge: .milliseconds(1500))
        let lines = stats.openMetrics().split(separator: "\n").map(String.init)
        #expect(lines.contains(#"codezero_jobs{kind="stripe.event",state="queued"} 3"#))
        #expect(lines.contains(#"codezero_jobs{kind="stripe.event",state="running"} 0"#))
        #expect(lines.contains(#"codezero_jobs{kind="stripe.event",state="dead"} 1"#))
        #expect(lines.contains(#"codezero_jobs{kind="mail",state="running"} 1"#))
        #expect(lines.contains(#"codezero_jobs_due{kind="stripe.event"} 2"#))
        #expect(lines.contains(#"codezero_jobs_awaiting_retry{kind="stripe.event"} 1"#))
        #expect(lines.contains(#"codezero_jobs_expired_leases{kind="mail"} 1"#))
        #expect(lines.contains(#"codezero_jobs_retries{kind="stripe.event"} 4"#))
        #expect(lines.contains("codezero_jobs_oldest_due_age_seconds 1.5"))
        #expect(lines.filter { $0.hasPrefix("# TYPE ") }.count == 6)
        #expect(lines.filter { $0.hasPrefix("codezero_jobs{") }.count == 8)
        #expect(stats.total[.queued] == 3 && stats.total[.running] == 1 && stats.total.retries == 4)
    }

    @Test func anEmptyQueueStillReportsItsLag() {
        #expect(JobQueueStats().openMetrics().hasSuffix("codezero_jobs_oldest_due_age_seconds 0.0\n"))
    }
}

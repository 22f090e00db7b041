/// A snapshot of the queue for `/metrics`: counts overall and per kind, and how late the oldest due job is.
public struct JobQueueStats: Hashable, Sendable {
    /// Counts per job kind.
    public var byKind: [String: JobCounts]
    /// How long the oldest due queued job has been due (nil when none is due): the queue's lag.
    public var oldestDueAge: Duration?

    /// Creates stats.
    public init(byKind: [String: JobCounts] = [:], oldestDueAge: Duration? = nil) {
        self.byKind = byKind
        self.oldestDueAge = oldestDueAge
    }

    /// Counts over all kinds.
    public var total: JobCounts {
        byKind.values.reduce(JobCounts()) { $0.adding($1) }
    }
}

/// Job counts for one kind (or all kinds), for `/metrics`.
public struct JobCounts: Hashable, Sendable {
    /// Jobs per state (every state present, 0 when none).
    public var byState: [JobState: Int]
    /// Queued jobs whose `run_at` has passed: the queue depth that matters.
    public var due: Int
    /// Queued jobs that failed before and wait for their retry.
    public var awaitingRetry: Int
    /// Running jobs whose lease has expired (their claimer died or hangs).
    public var expiredLeases: Int
    /// Retries started so far: the sum of `attempts − 1` over the jobs kept in the table.
    public var retries: Int

    /// Creates counts; all zero by default.
    public init(
        byState: [JobState: Int] = [:], due: Int = 0, awaitingRetry: Int = 0, expiredLeases: Int = 0, retries: Int = 0
    ) {
        var complete: [JobState: Int] = [:]
        for state in JobState.allCases { complete[state] = byState[state] ?? 0 }
        self.byState = complete
        self.due = due
        self.awaitingRetry = awaitingRetry
        self.expiredLeases = expiredLeases
        self.retries = retries
    }

    /// The number of jobs in `state`.
    public subscript(state: JobState) -> Int { byState[state] ?? 0 }

    /// These counts plus `other`'s.
    public func adding(_ other: JobCounts) -> JobCounts {
        JobCounts(
            byState: byState.merging(other.byState, uniquingKeysWith: +), due: due + other.due,
            awaitingRetry: awaitingRetry + other.awaitingRetry, expiredLeases: expiredLeases + other.expiredLeases,
            retries: retries + other.retries)
    }
}

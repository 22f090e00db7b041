/// The lifecycle fields of one job: what ``JobLifecycle`` reads and writes.
public struct JobSnapshot: Hashable, Sendable {
    /// The job's state.
    public var state: JobState
    /// Claims so far, counting the current one (0 while never claimed).
    public var attempts: Int
    /// The number of claims after which a failure makes the job dead.
    public var maxAttempts: Int
    /// When a queued job becomes due.
    public var runAt: JobInstant
    /// The worker holding a running job's claim.
    public var lockedBy: String?
    /// When a running job's lease ends; after that its claim may be recovered.
    public var lockedUntil: JobInstant?
    /// The error of the latest failed attempt, kept after later success and in the dead state.
    public var lastError: String?
    /// When the job became done or dead.
    public var finishedAt: JobInstant?

    /// Creates a snapshot; the defaults describe a freshly enqueued job.
    public init(
        state: JobState = .queued, attempts: Int = 0, maxAttempts: Int, runAt: JobInstant, lockedBy: String? = nil,
        lockedUntil: JobInstant? = nil, lastError: String? = nil, finishedAt: JobInstant? = nil
    ) {
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.lockedBy = lockedBy
        self.lockedUntil = lockedUntil
        self.lastError = lastError
        self.finishedAt = finishedAt
    }

    /// Whether a failure of the current attempt is the last one allowed.
    public var isLastAttempt: Bool { attempts >= maxAttempts }
}

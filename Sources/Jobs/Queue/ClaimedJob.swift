/// A job this worker has claimed: what the handler gets. The claim is identified by (id, worker, attempt);
/// completing or failing it checks that the claim is still this one.
public struct ClaimedJob: Hashable, Sendable {
    /// The job's id.
    public var id: Int64
    /// The handler's name.
    public var kind: String
    /// The input as JSON text (as PostgreSQL's `jsonb` prints it). Never log it.
    public var payload: String
    /// The job's lifecycle fields right after the claim (state `running`).
    public var snapshot: JobSnapshot
    /// When the job was enqueued.
    public var createdAt: JobInstant
    /// The database's time when the job was claimed.
    public var claimedAt: JobInstant

    /// Creates a claimed job (the queue does this; tests may too).
    public init(
        id: Int64, kind: String, payload: String, snapshot: JobSnapshot, createdAt: JobInstant, claimedAt: JobInstant
    ) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.snapshot = snapshot
        self.createdAt = createdAt
        self.claimedAt = claimedAt
    }

    /// This attempt's number, from 1.
    public var attempt: Int { snapshot.attempts }
    /// The last attempt allowed.
    public var maxAttempts: Int { snapshot.maxAttempts }
    /// Whether a failure now makes the job dead.
    public var isLastAttempt: Bool { snapshot.isLastAttempt }
    /// The worker holding the claim.
    public var worker: String { snapshot.lockedBy ?? "" }
    /// When the lease ends; after that the claim may be recovered by another worker.
    public var leaseExpiresAt: JobInstant? { snapshot.lockedUntil }
    /// The error of the previous failed attempt, if any.
    public var previousError: String? { snapshot.lastError }
}

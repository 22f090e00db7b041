/// The one error type of the Jobs module.
public enum JobsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The job is no longer claimed by this worker under this attempt (its lease expired and the job was
    /// recovered or claimed again): the caller's transaction must roll back, its effects are not applied.
    case claimLost(jobID: Int64, attempt: Int)
    /// A job to enqueue was invalid (kind, attempts); the message names the field.
    case invalidJob(String)
    /// A claim was asked for without a worker name or with a lease that is not positive.
    case invalidClaim(String)
    /// Thrown by a handler for a failure no retry can fix: the job becomes dead at once with this message.
    case permanentFailure(String)
    /// The lifecycle refused an event (for example requeueing a job that is not dead).
    case rejected(jobID: Int64, reason: String)

    /// A description without payloads, safe to log.
    public var description: String {
        switch self {
        case .claimLost(let id, let attempt): "job \(id) is no longer claimed by this worker for attempt \(attempt)"
        case .invalidJob(let message): "invalid job: \(message)"
        case .invalidClaim(let message): "invalid claim: \(message)"
        case .permanentFailure(let message): message
        case .rejected(let id, let reason): "job \(id): \(reason)"
        }
    }
}

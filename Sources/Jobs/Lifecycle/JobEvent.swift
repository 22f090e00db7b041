/// Something that happens to a job; ``JobLifecycle`` decides what it means.
public enum JobEvent: Hashable, Sendable {
    /// A worker claims the due job for `lease`.
    case claimed(worker: String, lease: Duration)
    /// The handler finished and its effects commit with the completion.
    case succeeded
    /// The attempt failed; retried with backoff unless it was the last one.
    case failed(error: String)
    /// The job cannot succeed (unknown kind, invalid payload, a handler's permanent failure): dead now.
    case abandoned(error: String)
    /// The claimer's lease ran out without an answer (its process died or hung): counts as a failed attempt.
    case leaseExpired
    /// An operator puts a dead job back in the queue with a fresh set of attempts.
    case requeued
}

/// What the queue did to one job: its id and kind, and the lifecycle transition it stored.
public struct JobOutcome: Hashable, Sendable {
    /// The job's id.
    public var jobID: Int64
    /// The job's kind.
    public var kind: String
    /// The transition that was stored.
    public var transition: JobTransition

    /// Creates an outcome.
    public init(jobID: Int64, kind: String, transition: JobTransition) {
        self.jobID = jobID
        self.kind = kind
        self.transition = transition
    }

    /// The job's state afterwards.
    public var state: JobState { transition.job.state }

    /// The retry delay, when a retry was scheduled.
    public var retryDelay: Duration? {
        for case .scheduleRetry(let delay) in transition.actions { return delay }
        return nil
    }
}

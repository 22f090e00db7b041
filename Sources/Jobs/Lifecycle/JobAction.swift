/// What the shell (``JobQueue``, ``JobRunner``) does after a lifecycle decision.
public enum JobAction: Hashable, Sendable {
    /// Write the new snapshot to the job's row, guarded by the snapshot it was computed from.
    case store
    /// A retry is scheduled after `delay`: log it.
    case scheduleRetry(delay: Duration)
    /// The job is dead with `error`: log it as an error, it shows in the dead-job metrics.
    case bury(error: String)
    /// The event does not apply in this state: store nothing and report `reason`.
    case reject(reason: String)
}

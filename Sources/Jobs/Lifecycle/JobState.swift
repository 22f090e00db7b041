/// Where a job is in its lifecycle (the `jobs.state` column).
public enum JobState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Waiting until its `run_at`, then claimable.
    case queued
    /// Claimed by a worker, which holds a lease until `locked_until`.
    case running
    /// Completed; never runs again.
    case done
    /// Failed its last attempt (or could not run at all); kept with its error until an operator requeues it.
    case dead

    /// The column value, e.g. `queued`.
    public var description: String { rawValue }

    /// Whether the job will never run again on its own.
    public var isFinished: Bool { self == .done || self == .dead }
}

/// The result of applying one event: the job's next snapshot and the actions that carry it out.
public struct JobTransition: Hashable, Sendable {
    /// The snapshot after the event (unchanged when rejected).
    public var job: JobSnapshot
    /// What the shell must do, in order.
    public var actions: [JobAction]

    /// Creates a transition.
    public init(job: JobSnapshot, actions: [JobAction]) {
        self.job = job
        self.actions = actions
    }

    /// The rejection reason, when the event did not apply.
    public var rejection: String? {
        for case .reject(let reason) in actions { return reason }
        return nil
    }
}

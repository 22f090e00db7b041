/// What one ``JobRunner/runOnce()`` did.
public struct JobRunReport: Hashable, Sendable {
    /// Jobs claimed and handed to a handler (or found to have none) in this round.
    public var ran = 0
    /// Jobs whose handler succeeded and whose completion committed.
    public var completed = 0
    /// Jobs scheduled for a retry (failed attempts and recovered leases).
    public var retried = 0
    /// Jobs that became dead (last attempt failed, unknown kind, permanent failure, last lease expired).
    public var dead = 0
    /// Jobs whose expired lease was recovered (also counted in `retried` or `dead`).
    public var recovered = 0
    /// Jobs whose claim was lost while they ran (nothing of theirs was applied).
    public var lost = 0
    /// Stored rows the feeders took in this round (``JobRunner/feed(from:_:)``): turned into jobs (which `ran` counts
    /// again when they run) or settled without one.
    public var fed = 0

    /// Whether the round found anything to do: jobs ran or feeders took rows.
    public var foundWork: Bool { ran > 0 || fed > 0 }

    /// An empty report.
    public init() {}
}

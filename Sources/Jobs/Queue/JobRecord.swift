/// One row of the `jobs` table, for operators (inspecting and requeueing dead jobs) and tests.
public struct JobRecord: Hashable, Sendable {
    /// The job's id.
    public var id: Int64
    /// The handler's name.
    public var kind: String
    /// The input as JSON text. Never log it.
    public var payload: String
    /// The "enqueue once" key, if any.
    public var dedupeKey: String?
    /// The lifecycle fields.
    public var snapshot: JobSnapshot
    /// When the job was enqueued.
    public var createdAt: JobInstant
    /// When the row last changed.
    public var updatedAt: JobInstant

    /// Creates a record.
    public init(
        id: Int64, kind: String, payload: String, dedupeKey: String?, snapshot: JobSnapshot, createdAt: JobInstant,
        updatedAt: JobInstant
    ) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.dedupeKey = dedupeKey
        self.snapshot = snapshot
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The job's state.
    public var state: JobState { snapshot.state }
}

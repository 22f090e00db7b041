public import Foundation

/// A recorded incident, as stored.
public struct Incident: Sendable, Hashable {
    /// Its id.
    public var id: Int64
    /// Its kind (the stored name).
    public var kind: String
    /// Where it stands.
    public var status: IncidentStatus
    /// The dedupe key it was recorded with.
    public var dedupeKey: String
    /// The company concerned, if any.
    public var companyID: String?
    /// The ids it is about.
    public var subject: [String: String]
    /// What happened.
    public var detail: String
    /// The dead job a retry requeues, if any.
    public var jobID: Int64?
    /// The job kind a retry enqueues (or the dead job's kind).
    public var jobKind: String?
    /// The payload a retry enqueues, as JSON text.
    public var jobPayload: String?
    /// When it was recorded.
    public var createdAt: Date
    /// When staff retried or resolved it.
    public var closedAt: Date?
    /// Who retried or resolved it.
    public var closedBy: String?
    /// The resolving note.
    public var note: String?

    /// Whether retry can do something: there is a job to requeue or enqueue.
    public var isRetryable: Bool { jobID != nil || jobKind != nil }
}

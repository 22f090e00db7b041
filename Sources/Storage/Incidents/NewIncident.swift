/// An incident to record: see ``IncidentStore/record(_:)``.
public struct NewIncident: Sendable, Hashable {
    /// What retry does for this incident.
    public enum Retry: Sendable, Hashable {
        /// Nothing to retry (resolve only).
        case none
        /// Requeue this dead job.
        case requeue(jobID: Int64)
        /// Enqueue a new job of `kind` with this JSON `payload`.
        case enqueue(kind: String, payload: String)
    }

    /// Its kind.
    public var kind: IncidentKind
    /// One cause, one incident: a second record with the same key is ignored (e.g. `payment.duplicate:<purchase>`).
    public var dedupeKey: String
    /// What happened, for staff (no secrets), at most 2000 characters.
    public var detail: String
    /// The company concerned, when there is one.
    public var companyID: String?
    /// The ids it is about, e.g. `["purchase_id": …, "order_id": …]`.
    public var subject: [String: String]
    /// What retry does.
    public var retry: Retry

    /// An incident.
    public init(
        kind: IncidentKind, dedupeKey: String, detail: String, companyID: String? = nil,
        subject: [String: String] = [:], retry: Retry = .none
    ) {
        self.kind = kind
        self.dedupeKey = String(dedupeKey.prefix(300))
        self.detail = String(detail.prefix(2000))
        self.companyID = companyID
        self.subject = subject
        self.retry = retry
    }
}

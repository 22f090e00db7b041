import Storage
import Web

/// Incidents as the API shows them.
enum IncidentJSON {
    /// The schema of ``incident(_:)``.
    static let schema = APISchema.object([
        "id": .integer, "kind": .string, "status": .string, "company_id": APISchema.string.orNull,
        "subject": .object([:]), "detail": .string, "retryable": .boolean, "job_id": APISchema.integer.orNull,
        "job_kind": APISchema.string.orNull, "created_at": .dateTime, "closed_at": APISchema.dateTime.orNull,
        "closed_by": APISchema.string.orNull, "note": APISchema.string.orNull,
    ])

    static func incident(_ incident: Incident) -> JSON {
        var subject = JSONObject()
        for key in incident.subject.keys.sorted() { subject[key] = .string(incident.subject[key] ?? "") }
        return [
            "id": JSON(Int(incident.id)), "kind": .string(incident.kind), "status": .string(incident.status.rawValue),
            "company_id": JSON(incident.companyID), "subject": .object(subject), "detail": .string(incident.detail),
            "retryable": .bool(incident.status == .open && incident.isRetryable),
            "job_id": JSON(incident.jobID.map(Int.init)), "job_kind": JSON(incident.jobKind),
            "created_at": .string(AccountJSON.timestamp(incident.createdAt)),
            "closed_at": JSON(incident.closedAt.map(AccountJSON.timestamp)), "closed_by": JSON(incident.closedBy),
            "note": JSON(incident.note),
        ]
    }
}

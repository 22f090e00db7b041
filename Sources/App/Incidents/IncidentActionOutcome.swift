import Storage

/// What a staff action on an incident came to.
enum IncidentActionOutcome {
    /// Done; the incident as it is now.
    case done(Incident)
    /// No incident has this id.
    case notFound
    /// The incident was retried or resolved before.
    case notOpen(IncidentStatus)
    /// There is no job to retry (resolve it instead), or its job is no longer dead.
    case notRetryable(String)
}

/// Where an incident stands.
public enum IncidentStatus: String, Sendable, Hashable, CaseIterable {
    /// Nobody has acted on it yet.
    case open
    /// Staff re-enqueued its job (a new failure is a new incident).
    case retried
    /// Staff closed it.
    case resolved
}

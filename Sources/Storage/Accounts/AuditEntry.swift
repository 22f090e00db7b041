public import Domain

/// One thing to record in the audit log: who, acting for which company, did what, to what, from where, and
/// how it ended. ``details`` must never hold secrets (passwords, tokens, hashes).
public struct AuditEntry: Sendable, Hashable {
    /// How an audited action ended.
    public enum Outcome: String, Sendable, Hashable {
        /// It happened.
        case success
        /// It failed (wrong password, unknown object, ...).
        case failure
        /// It was refused by policy (throttled, not permitted).
        case denied
    }

    /// The acting user, when known.
    public var actor: UserID?
    /// The company the actor acted for (or the company concerned), when known.
    public var companyID: CompanyID?
    /// What happened.
    public var action: AuditAction
    /// The object acted on (a token id, a user id, a route), at most 200 characters.
    public var target: String?
    /// The client address.
    public var ip: String?
    /// How it ended.
    public var outcome: Outcome
    /// Extra facts as string pairs (stored as a JSON object).
    public var details: [String: String]

    /// An entry.
    public init(
        actor: UserID?, companyID: CompanyID?, action: AuditAction, target: String? = nil, ip: String?,
        outcome: Outcome, details: [String: String] = [:]
    ) {
        self.actor = actor
        self.companyID = companyID
        self.action = action
        self.target = target.map { String($0.prefix(200)) }
        self.ip = ip.map { String($0.prefix(64)) }
        self.outcome = outcome
        self.details = details
    }

    /// An entry for an action by `principal` for their company.
    public init(
        by principal: Principal, action: AuditAction, target: String? = nil, ip: String?, outcome: Outcome = .success,
        details: [String: String] = [:]
    ) {
        var details = details
        details["auth"] = principal.method.rawValue
        self.init(
            actor: principal.userID, companyID: principal.companyID, action: action, target: target, ip: ip,
            outcome: outcome, details: details)
    }
}

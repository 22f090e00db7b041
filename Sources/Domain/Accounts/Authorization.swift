/// The one authorization policy: which role has which ``Capability``, and which capability a route needs.
///
/// | capability | client | finance | admin |
/// |---|---|---|---|
/// | ``Capability/ownCompany`` | yes | yes | yes |
/// | ``Capability/finance`` | no | yes | yes |
/// | ``Capability/admin`` | no | no | yes |
///
/// Company data is always scoped by ``Principal/companyID``, whatever the role: cross-company views exist
/// only under the finance and admin APIs.
public enum Authorization {
    /// The verdict for one request.
    public enum Decision: Sendable, Hashable {
        /// The principal may go on.
        case allowed
        /// The principal is signed in but lacks the capability (the App answers 403).
        case denied
        /// The role has the capability, but the session or token has no second factor yet (the App answers 403
        /// naming the second factor).
        case secondFactorRequired
    }

    /// Whether `role` has `capability`.
    public static func permits(_ role: Role, _ capability: Capability) -> Bool {
        switch capability {
        case .ownCompany: true
        case .finance: role == .finance || role == .admin
        case .admin: role == .admin
        }
    }

    /// The decision for `principal` on an action that needs `capability`.
    public static func decide(_ principal: Principal, _ capability: Capability) -> Decision {
        guard permits(principal.role, capability) else { return .denied }
        return needsSecondFactor(principal, capability) ? .secondFactorRequired : .allowed
    }

    /// Whether `principal` must still give a second factor for `capability`: every staff capability
    /// (``Capability/finance``, ``Capability/admin``) needs a session verified with a TOTP code, or a token
    /// created by one.
    public static func needsSecondFactor(_ principal: Principal, _ capability: Capability) -> Bool {
        capability != .ownCompany && !principal.secondFactor
    }

    /// The capability an authenticated route under `path` needs: `/api/v1/admin/…` → admin,
    /// `/api/v1/finance/…` → finance, anything else → own company. The path is compared literally
    /// (the router has already decoded it); `/api/v1/administrator` is not the admin API.
    public static func requiredCapability(forPath path: String) -> Capability {
        if path == "/api/v1/admin" || path.hasPrefix("/api/v1/admin/") { return .admin }
        if path == "/api/v1/finance" || path.hasPrefix("/api/v1/finance/") { return .finance }
        return .ownCompany
    }

    /// The decision for `principal` on the route at `path`.
    public static func decide(_ principal: Principal, path: String) -> Decision {
        decide(principal, requiredCapability(forPath: path))
    }
}

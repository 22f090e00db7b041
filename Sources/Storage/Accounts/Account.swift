public import Domain

/// A user together with the company they act for and their membership there.
public struct Account: Sendable, Hashable {
    /// The person.
    public let user: UserAccount
    /// The company.
    public let company: Company
    /// Their role there.
    public let membership: Membership

    /// The principal of this account for a request authenticated by `method`.
    public func principal(method: AuthenticationMethod, tokenID: String? = nil) -> Principal {
        Principal(
            userID: user.id, email: user.email, companyID: company.id, role: membership.role, method: method,
            tokenID: tokenID)
    }
}

import Domain

/// One user of a company as staff see it in the back office: the user and their membership.
public struct CompanyMember: Sendable, Hashable {
    /// The person (with their disabled state).
    public let user: UserAccount
    /// Their role in the company.
    public let membership: Membership
}

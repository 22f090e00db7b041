public import Domain
import Postgres

/// A person's role in a company; the owner is the person who registered it.
public struct Membership: Sendable, Hashable {
    /// The person.
    public let userID: UserID
    /// The company.
    public let companyID: CompanyID
    /// Their role there.
    public let role: Role
    /// Whether they registered (own) the company.
    public let isOwner: Bool

    /// A membership.
    public init(userID: UserID, companyID: CompanyID, role: Role, isOwner: Bool) {
        self.userID = userID
        self.companyID = companyID
        self.role = role
        self.isOwner = isOwner
    }

    init(row: PostgresRow) throws {
        userID = UserID(try row.string("user_id"))
        companyID = CompanyID(try row.string("company_id"))
        role = try Role.stored(try row.string("role"))
        isOwner = try row.bool("is_owner")
    }
}

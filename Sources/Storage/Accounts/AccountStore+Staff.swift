public import Domain
import Postgres

/// Reads for the back office (issue 13): any company by id and its members. The App allows them to staff only
/// (the route table's `financePage`/`adminPage`); clients never reach them.
extension AccountStore {
    /// The company with this id, whichever it is (a malformed id finds nothing).
    public func anyCompany(id: CompanyID) throws -> Company? {
        guard UUIDText.isValid(id.rawValue) else { return nil }
        let rows = try connection.query("SELECT \(unescaped: Company.columns) FROM companies WHERE id = \(id)::uuid")
        return try rows.first.map(Company.init(row:))
    }

    /// The members of `companyID` with their accounts, oldest membership first.
    public func members(ofCompany companyID: CompanyID) throws -> [CompanyMember] {
        guard UUIDText.isValid(companyID.rawValue) else { return [] }
        let rows = try connection.query(
            """
            SELECT u.id, u.email, extract(epoch FROM u.created_at)::float8 AS created_at,
                   extract(epoch FROM u.disabled_at)::float8 AS disabled_at,
                   m.user_id, m.company_id, m.role, m.is_owner
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.company_id = \(companyID)::uuid ORDER BY m.created_at, m.user_id
            """)
        return try rows.map { CompanyMember(user: try UserAccount(row: $0), membership: try Membership(row: $0)) }
    }
}

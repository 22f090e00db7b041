public import Domain
import Postgres

extension AccountStore {
    /// The stored password hash of user `userID`, or nil when the user is unknown or disabled (for a
    /// re-authentication before a sensitive step, e.g. erasure; the caller verifies and throttles).
    public func passwordHash(of userID: UserID) throws -> String? {
        try connection.query(
            "SELECT password_hash FROM users WHERE id = \(userID.rawValue)::uuid AND disabled_at IS NULL"
        ).first?.string("password_hash")
    }

    /// Who a company's mail goes to when user `userID` acted for company `companyID` (e.g. bought): the user's
    /// e-mail address, the company's name and country. Nil when either is unknown.
    public func mailRecipient(
        userID: UserID, companyID: CompanyID
    ) throws -> (email: String, companyName: String, country: String)? {
        let rows = try connection.query(
            """
            SELECT u.email, c.name, c.country FROM users u, companies c
            WHERE u.id = \(userID.rawValue)::uuid AND c.id = \(companyID.rawValue)::uuid
            """)
        guard let row = rows.first else { return nil }
        return (try row.string("email"), try row.string("name"), try row.string("country"))
    }
}

public import Domain
public import Postgres

extension UserID: PostgresBindable {
    /// Sent as text; the server reads it as `uuid`.
    public var postgresBind: PostgresBind { rawValue.postgresBind }
}

extension CompanyID: PostgresBindable {
    /// Sent as text; the server reads it as `uuid`.
    public var postgresBind: PostgresBind { rawValue.postgresBind }
}

extension Role {
    /// The role named in a stored row; a name the schema's CHECK would refuse is a corrupt row.
    static func stored(_ name: String) throws -> Role {
        guard let role = Role(name: name) else { throw StorageError.invalidStoredValue("role") }
        return role
    }
}

extension EmailAddress {
    /// The address stored in a row, which was validated when written.
    static func stored(_ text: String) throws -> EmailAddress {
        guard let address = EmailAddress(text) else { throw StorageError.invalidStoredValue("email") }
        return address
    }
}

public import Domain
public import Foundation
import Postgres

/// A buying company (or, with ``isOperator``, Code Zero itself, whose members are the staff).
public struct Company: Sendable, Hashable {
    /// Its identifier.
    public let id: CompanyID
    /// Its legal name.
    public let name: String
    /// Its country code (ISO 3166-1 alpha-2).
    public let country: String
    /// Its VAT ID, normalised, if it has one on file.
    public let vatId: String?
    /// Its billing address.
    public let billingAddress: BillingAddress
    /// Whether this is the operator company that staff accounts belong to.
    public let isOperator: Bool
    /// When it was registered.
    public let createdAt: Date

    /// The columns ``init(row:)`` reads, for `SELECT`s over `companies`.
    static let columns = """
        id, name, country, vat_id, street, extra, postal_code, city, is_operator,
        extract(epoch FROM created_at)::float8 AS created_at
        """

    init(row: PostgresRow) throws {
        id = CompanyID(try row.string("id"))
        name = try row.string("name")
        country = try row.string("country")
        vatId = try row.optionalString("vat_id")
        billingAddress = BillingAddress(
            street: try row.optionalString("street"), extra: try row.optionalString("extra"),
            postalCode: try row.optionalString("postal_code"), city: try row.optionalString("city"))
        isOperator = try row.bool("is_operator")
        createdAt = Date(timeIntervalSince1970: try row.double("created_at"))
    }
}

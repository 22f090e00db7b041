public import Domain
public import Postgres

/// A buying company's billing profile — legal name, address, country, VAT ID (`companies`, migration 0003) —
/// which the next invoices snapshot; issued invoices keep the profile they were issued with.
public struct BillingProfileStore {
    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Replaces the profile of company `companyID` (already validated: the VAT decision accepted country and VAT
    /// ID); returns the company as stored, or nil when there is no such company.
    public func update(
        companyID: CompanyID, legalName: String, country: Country, vatID: VATIdentifier?, address: BillingAddress
    ) throws -> Company? {
        let rows = try connection.query(
            """
            UPDATE companies SET name = \(legalName), country = \(country.code), vat_id = \(vatID?.value),
                street = \(address.street), extra = \(address.extra), postal_code = \(address.postalCode),
                city = \(address.city)
            WHERE id = \(companyID)::uuid AND NOT is_operator
            RETURNING \(unescaped: Company.columns)
            """)
        return try rows.first.map(Company.init(row:))
    }
}

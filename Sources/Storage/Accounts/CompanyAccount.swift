public import Postgres

/// What every portal page shows of the signed-in company: the company and its credit balance. Read in the same
/// statement as the session's look-up (``alongWithSession``), so a portal page costs one round trip before its
/// own reads instead of three (issue #16: the portal page's three statements were 197 µs of PostgreSQL's CPU per
/// request).
public struct CompanyAccount: Sendable, Hashable {
    /// The company.
    public let company: Company
    /// Its credit balance (the sum of its ledger entries).
    public let credits: Int

    /// An account of `company` with `credits`.
    public init(company: Company, credits: Int) {
        self.company = company
        self.credits = credits
    }

    /// The company of the session's principal and its balance, for
    /// ``SessionStore/resolve(token:now:alongWith:)``.
    public static let alongWithSession = SessionStore.CompanionRead(
        """
        SELECT \(Company.columns), \(CreditLedger.balance(of: "principal.company_id")) AS account_credits
        FROM companies WHERE companies.id = principal.company_id
        """)

    /// The account in the rows of ``alongWithSession``; nil when the company is gone (no rows).
    public init?(rows: [PostgresRow]) throws {
        guard let row = rows.first else { return nil }
        company = try Company(row: row)
        credits = try row.int("account_credits")
    }
}

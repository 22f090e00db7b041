import Domain
import Postgres
import Storage

/// Companies and purchases for the billing store tests.
enum BillingFixtures {
    /// Inserts a company (country DE) and returns its id.
    static func company(
        _ connection: PostgresConnection, name: String = "Muster GmbH", country: String = "DE"
    )
        throws -> String
    {
        try connection.query(
            "INSERT INTO companies (name, country) VALUES (\(name), \(country)) RETURNING id::text AS id")[0].string(
                "id")
    }

    /// A PENDING purchase of `credits_5` (699 net, 19 % → 832) for `companyID`.
    static func purchase(_ connection: PostgresConnection, companyID: String) throws -> PurchaseRecord {
        let vat = try VATDecision.decide(buyerCountryCode: "DE", vatId: nil)
        return try PurchaseStore(connection: connection).create(
            NewPurchase(
                companyID: CompanyID(companyID), userID: nil, provider: .mock, kind: .credits, productID: "credits_5",
                orderID: nil, credits: 5, net: .eur(699), vat: vat))
    }
}

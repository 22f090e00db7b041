public import Postgres

/// The company → Stripe Customer mapping (`stripe_customers`, migration 0065): one Customer per company.
public struct StripeCustomerStore {
    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The company's Stripe Customer id, if it has one.
    public func customerID(companyID: String) throws -> String? {
        let rows = try connection.query(
            "SELECT customer_id FROM stripe_customers WHERE company_id = \(companyID)::uuid")
        return try rows.first?.string("customer_id")
    }

    /// Records the company's Customer; when another one was recorded first (a concurrent start), that one is kept
    /// and returned.
    public func record(customerID: String, companyID: String) throws -> String {
        let rows = try connection.query(
            """
            WITH inserted AS (
                INSERT INTO stripe_customers (company_id, customer_id) VALUES (\(companyID)::uuid, \(customerID))
                ON CONFLICT (company_id) DO NOTHING RETURNING customer_id)
            SELECT customer_id FROM inserted
            UNION ALL SELECT customer_id FROM stripe_customers WHERE company_id = \(companyID)::uuid
            LIMIT 1
            """)
        return try rows[0].string("customer_id")
    }
}

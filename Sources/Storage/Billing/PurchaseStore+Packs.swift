public import Domain
public import Foundation
import Postgres

extension PurchaseStore {
    /// One line of the portal's purchases page: a credit pack as the page shows it.
    public struct ListedPack: Sendable, Hashable {
        public let id: String
        /// The product, e.g. `credits_5`.
        public let productID: String
        public let credits: Int
        public let status: PurchaseStatus
        public let amountCents: Int
        public let currency: Currency
        public let created: Date

        /// A line of the page.
        public init(
            id: String, productID: String, credits: Int, status: PurchaseStatus, amountCents: Int, currency: Currency,
            created: Date
        ) {
            self.id = id
            self.productID = productID
            self.credits = credits
            self.status = status
            self.amountCents = amountCents
            self.currency = currency
            self.created = created
        }
    }

    /// The company's credit-pack purchases (those with a product; an order's payment is shown with its order),
    /// newest first, with only the columns the portal's purchases page shows (issue #16: the full records —
    /// twenty-three columns, two timestamps formatted as text — were most of that page's database and decoding work).
    /// The packs are chosen in SQL, so the page shows up to `limit` packs however many order payments there are.
    public func creditPacks(companyID: CompanyID, limit: Int = 100) throws -> [ListedPack] {
        let rows = try connection.query(
            """
            SELECT id::text AS id, product_id, credits_amount, status, amount_cents, currency,
                extract(epoch FROM created_at)::float8 AS created_epoch
            FROM purchases WHERE company_id = \(companyID)::uuid AND product_id IS NOT NULL
            ORDER BY purchases.created_at DESC, purchases.id LIMIT \(limit)
            """, retryOnConnectionLoss: true)
        return try rows.map { row in
            guard let status = PurchaseStatus(rawValue: try row.string("status")) else {
                throw StorageError.invalidStoredValue("purchases.status")
            }
            return ListedPack(
                id: try row.string("id"), productID: try row.string("product_id"),
                credits: try row.int("credits_amount"), status: status, amountCents: try row.int("amount_cents"),
                currency: try .stored(row.string("currency")), created: try Timestamp.date(row, "created_epoch"))
        }
    }
}

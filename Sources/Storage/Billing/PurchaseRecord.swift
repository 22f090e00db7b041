public import Domain
public import Foundation

/// A purchase row: one Checkout session for a credit pack or an order.
public struct PurchaseRecord: Sendable, Hashable {
    /// What was bought.
    public enum Kind: String, Sendable, Hashable {
        /// A credit pack.
        case credits = "CREDITS"
        /// The IZA pass (a pack that also grants credits).
        case izaPass = "IZA_PASS"
        /// A configurator order.
        case order = "ORDER"
    }

    /// Our id (uuid), the Checkout `client_reference_id`.
    public let id: String
    /// The buying company.
    public let companyID: CompanyID
    /// The user who started it.
    public let userID: UserID?
    /// Who collects the payment.
    public let provider: PaymentProvider
    /// The Checkout session id, once known.
    public let sessionID: String?
    /// What was bought.
    public let kind: Kind
    /// The credit product, for packs.
    public let productID: String?
    /// The order, for orders.
    public let orderID: String?
    /// The status.
    public let status: PurchaseStatus
    /// Credits granted when paid.
    public let credits: Int
    /// The currency of every amount.
    public let currency: Currency
    /// Net amount in cents.
    public let netCents: Int
    /// VAT rate in basis points (1900 = 19 %).
    public let vatRateBasisPoints: Int
    /// VAT in cents.
    public let vatCents: Int
    /// What is charged: net + VAT.
    public let amountCents: Int
    /// Whether the reverse charge applies.
    public let reverseCharge: Bool
    /// The VAT category's name.
    public let vatCategory: String
    /// The buyer's country.
    public let buyerCountry: String
    /// The buyer's VAT ID, if any.
    public let buyerVatID: String?
    /// Creation time (RFC 3339, UTC), for display and JSON; compute with ``created``.
    public let createdAt: String
    /// Payment time (RFC 3339, UTC), once paid; compute with ``paid``.
    public let paidAt: String?
    /// The moment it was created, read from the database as seconds since 1970 (never parsed from text).
    public let created: Date
    /// The moment it was paid, once paid.
    public let paid: Date?
}

public import Domain
public import Foundation

/// A configurator order as stored: its lines and the VAT decision as it was made.
public struct OrderRecord: Sendable, Hashable {
    /// One priced line.
    public struct Line: Sendable, Hashable {
        /// Catalog id of the package or add-on.
        public let itemID: String
        /// Package or add-on.
        public let kind: QuoteLine.Kind
        /// German name.
        public let nameDE: String
        /// English name.
        public let nameEN: String
        /// Charged once or monthly.
        public let interval: BillingInterval
        /// Net unit price in cents.
        public let unitNetCents: Int
        /// Quantity.
        public let quantity: Int
        /// Net line total in cents.
        public let lineNetCents: Int
    }

    /// Our id (uuid).
    public let id: String
    /// The ordering company.
    public let companyID: CompanyID
    /// Where it stands.
    public let status: OrderStatus
    /// The base package.
    public let packageID: String
    /// The currency of every amount.
    public let currency: Currency
    /// Net of the first payment.
    public let netCents: Int
    /// VAT of the first payment.
    public let vatCents: Int
    /// The first payment: net + VAT.
    public let amountCents: Int
    /// Net of the monthly items (charged monthly from the second month on).
    public let monthlyNetCents: Int
    /// VAT rate in basis points.
    public let vatRateBasisPoints: Int
    /// VAT category code (S, AE, O).
    public let vatCategory: String
    /// Whether the reverse charge applies.
    public let reverseCharge: Bool
    /// The buyer's country.
    public let buyerCountry: String
    /// The buyer's VAT ID.
    public let buyerVatID: String?
    /// The legal note (German).
    public let legalNoteDE: String?
    /// The legal note (English).
    public let legalNoteEN: String?
    /// Creation time (RFC 3339, UTC).
    public let createdAt: String
    /// Payment time, once paid.
    public let paidAt: String?
    /// The lines in order.
    public let lines: [Line]
    /// The moment it was created, read from the database as seconds since 1970 (never parsed from text).
    public let created: Date
}

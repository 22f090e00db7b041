public import Domain
public import Foundation

/// One order in the back office's list: the order, its company and its fulfilment.
public struct OrderSummary: Sendable, Hashable {
    /// The order id.
    public let id: String
    /// The buying company.
    public let companyID: String
    /// The company's name.
    public let companyName: String
    /// The package ordered.
    public let packageID: String
    /// The first payment (gross cents) and its currency.
    public let amountCents: Int
    /// The currency.
    public let currency: String
    /// The order's payment status (`PENDING`, `PAID`, `CANCELLED`).
    public let orderStatus: String
    /// The fulfilment status once paid.
    public let fulfilment: FulfilmentStatus?
    /// The staff member's e-mail address the order is assigned to.
    public let assignee: String?
    /// When the order was placed.
    public let created: Date
}

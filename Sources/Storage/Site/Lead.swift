public import Foundation

/// A lead: one contact-form request as staff see it in the back office, with its status.
public struct Lead: Sendable, Hashable {
    /// Where staff are with a lead.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Nobody answered yet.
        case new = "NEW"
        /// Staff answered.
        case contacted = "CONTACTED"
        /// A real opportunity.
        case qualified = "QUALIFIED"
        /// It became a customer.
        case won = "WON"
        /// It did not.
        case lost = "LOST"
    }

    /// The request's id.
    public let id: Int
    /// The sender's name.
    public let name: String
    /// Their company.
    public let company: String
    /// Their e-mail address.
    public let email: String
    /// Their phone number, if given.
    public let phone: String?
    /// The message.
    public let message: String
    /// The site language it was sent in.
    public let language: String
    /// The status.
    public let status: Status
    /// When it arrived.
    public let receivedAt: Date
}

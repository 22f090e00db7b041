public import Domain
public import Foundation

/// A support request as stored (`support_requests`), with what the lists show about its company, opener and
/// reference.
public struct SupportRequestRecord: Sendable, Hashable {
    /// The request's id (UUID text).
    public let id: String
    /// The client company.
    public let companyID: String
    /// The company's name.
    public let companyName: String
    /// The client user who opened it (nil once that user's account was erased).
    public let openedBy: String?
    /// That user's e-mail address (where staff answers are mailed).
    public let openerEmail: String?
    /// The subject.
    public let subject: String
    /// The status.
    public let status: SupportStatus
    /// The order it is about, if any.
    public let orderID: String?
    /// The invoice it is about, if any.
    public let invoiceID: String?
    /// That invoice's number.
    public let invoiceNumber: String?
    /// The language the client wrote in; staff answers are mailed in it.
    public let language: Language
    /// When it was opened.
    public let created: Date
    /// When the last message or status change happened.
    public let updated: Date
    /// When it was closed (nil unless CLOSED).
    public let closed: Date?
    /// How many messages the thread has.
    public let messageCount: Int
}

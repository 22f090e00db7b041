public import Foundation

/// One message of a support thread (`support_messages`).
public struct SupportMessageRecord: Sendable, Hashable {
    /// The message's id (ascending in thread order).
    public let id: Int
    /// The request it belongs to.
    public let requestID: String
    /// The author's user id (nil once erased).
    public let author: String?
    /// The author's e-mail address (staff see it; the portal shows only "you" or "Code Zero support").
    public let authorEmail: String?
    /// Whether staff wrote it.
    public let fromStaff: Bool
    /// The text.
    public let body: String
    /// When it was written.
    public let created: Date
}

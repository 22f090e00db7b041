public import Foundation

/// One entry of an order's fulfilment history: a status step, an assignment or a note (staff only).
public struct FulfilmentEventRecord: Sendable, Hashable {
    /// `status`, `assign` or `note`.
    public let kind: String
    /// For a step: the status before.
    public let fromStatus: String?
    /// For a step: the status after.
    public let toStatus: String?
    /// For an assignment: the staff member's e-mail address.
    public let assignee: String?
    /// For a note (or a cancellation's reason): the text.
    public let note: String?
    /// Who did it (e-mail address).
    public let actor: String?
    /// When.
    public let at: Date
}

/// Where a support request stands (issue 13 item 7): OPEN (the client waits for staff), ANSWERED (staff replied,
/// the client's turn), CLOSED (either side closed it; a new client message reopens it).
public enum SupportStatus: String, Sendable, Hashable, CaseIterable {
    /// Waiting for staff.
    case open = "OPEN"
    /// Staff replied.
    case answered = "ANSWERED"
    /// Closed by the client or by staff.
    case closed = "CLOSED"
}

/// A support request's status as a pure function: (status, event) → (status, actions), or why the event does not
/// apply. The shell (`App.AddSupportMessage`, `App.CloseSupportRequest`) locks the request row, applies this and
/// performs the actions in the same transaction as the message row.
///
/// | from \ event | client message | staff message | close |
/// |---|---|---|---|
/// | OPEN | OPEN + mail staff | ANSWERED + mail client | CLOSED |
/// | ANSWERED | OPEN + mail staff | ANSWERED + mail client | CLOSED |
/// | CLOSED | OPEN + mail staff (reopened) | refused | refused |
public struct SupportTransition: Sendable, Hashable {
    /// What happens to a request.
    public enum Event: String, Sendable, Hashable, CaseIterable {
        /// The client writes (the first message or a reply).
        case clientMessage
        /// Staff answer.
        case staffMessage
        /// The client or staff close the request.
        case close
    }

    /// What the shell must do besides storing the status.
    public enum Action: Sendable, Hashable {
        /// Mail the operator's support address about the client's message.
        case notifyStaff
        /// Mail the client user who opened the request, in the request's language.
        case notifyClient
    }

    /// Why an event does not apply.
    public enum Rejection: Error, Sendable, Hashable {
        /// The request is closed; only a client message reopens it.
        case closed
    }

    /// The status after the event.
    public let status: SupportStatus
    /// What to do.
    public let actions: [Action]

    /// Applies `event` to a request in `status`.
    public static func apply(_ event: Event, to status: SupportStatus) -> Result<SupportTransition, Rejection> {
        switch (event, status) {
        case (.clientMessage, _):
            return .success(SupportTransition(status: .open, actions: [.notifyStaff]))
        case (.staffMessage, .closed), (.close, .closed):
            return .failure(.closed)
        case (.staffMessage, _):
            return .success(SupportTransition(status: .answered, actions: [.notifyClient]))
        case (.close, _):
            return .success(SupportTransition(status: .closed, actions: []))
        }
    }
}

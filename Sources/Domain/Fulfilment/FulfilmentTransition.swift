/// The fulfilment of a paid order as a pure function: (status, event) → (status, actions), or the reason it
/// cannot happen. The shell (`AdvanceFulfilment`) locks the order, applies this and performs the actions; the
/// refund's idempotency key and the correction's unique refund id make a repetition harmless.
///
/// | from \ event | start | deliver | cancel |
/// |---|---|---|---|
/// | PAID | IN_PROGRESS | refused | CANCELLED + refund |
/// | IN_PROGRESS | refused | DELIVERED | CANCELLED + refund |
/// | DELIVERED, CANCELLED | refused | refused | refused |
public struct FulfilmentTransition: Sendable, Hashable {
    /// What staff ask for.
    public enum Event: String, Sendable, Hashable, CaseIterable {
        /// Work begins.
        case start
        /// The service is delivered.
        case deliver
        /// The order is cancelled before delivery.
        case cancel
    }

    /// What the shell must do.
    public enum Action: Sendable, Hashable {
        /// Refund the order's invoice in full (a correction invoice follows the refund).
        case refund
    }

    /// Why an event does not apply.
    public enum Rejection: Error, Sendable, Hashable {
        /// The order is delivered or cancelled already.
        case final(FulfilmentStatus)
        /// The event does not follow from the status (e.g. deliver before start).
        case notFrom(FulfilmentStatus)
    }

    /// The status after the event.
    public let status: FulfilmentStatus
    /// What to do.
    public let actions: [Action]

    /// Applies `event` to an order in `status`.
    public static func apply(_ event: Event, to status: FulfilmentStatus) -> Result<FulfilmentTransition, Rejection> {
        guard !status.isFinal else { return .failure(.final(status)) }
        switch (event, status) {
        case (.start, .paid): return .success(FulfilmentTransition(status: .inProgress, actions: []))
        case (.deliver, .inProgress): return .success(FulfilmentTransition(status: .delivered, actions: []))
        case (.cancel, _): return .success(FulfilmentTransition(status: .cancelled, actions: [.refund]))
        default: return .failure(.notFrom(status))
        }
    }
}

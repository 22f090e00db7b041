import Domain
import Postgres
import Storage
import Stripe

/// A setup-mode Checkout completed (webhook `checkout.session.completed`, the success page, or mock mode's
/// simulated completion): the saved payment method is recorded on the subscription and — for a start — the
/// subscription becomes ACTIVE, its first period's invoice is issued and charged; for a new payment method of a
/// PAST_DUE or SUSPENDED subscription every owed invoice is charged with it at once (``SubscriptionEvent/paymentMethodUpdated``),
/// in the same transaction. Idempotent: the setup row is locked and completes once, whatever the order or
/// repetition of the signals, so a repeated completion charges nothing twice.
struct CompleteSubscriptionSetup {
    /// What happened.
    enum Outcome: Equatable {
        /// The session is not a subscription setup.
        case notASetup
        /// Completed before; nothing changed.
        case alreadyComplete(subscriptionID: String)
        /// The session is not complete (yet), or no payment method was saved.
        case notComplete
        /// Completed now.
        case completed(subscriptionID: String)
    }

    let shell: ApplySubscriptionEvent

    /// Completes the setup session `session` (verified data). `paymentMethod` is given in mock mode; otherwise it is
    /// read from the session's SetupIntent. Must run inside a transaction.
    func complete(
        _ session: CheckoutSession, paymentMethod given: String?, now: Int64, connection: PostgresConnection
    ) throws -> Outcome {
        let setups = SubscriptionSetupStore(connection: connection)
        guard let setup = try setups.lockForUpdate(sessionID: session.id) else { return .notASetup }
        guard setup.status != "COMPLETE" else { return .alreadyComplete(subscriptionID: setup.subscriptionID) }
        guard session.status == .complete else { return .notComplete }
        var method = given
        if method == nil, let intentID = session.setupIntentID {
            let intent = try shell.gateway().retrieveSetupIntent(id: intentID)
            guard intent.status == .succeeded else { return .notComplete }
            method = intent.paymentMethodID
        }
        guard let method else { return .notComplete }
        try setups.markComplete(sessionID: session.id)
        let store = SubscriptionStore(connection: connection)
        try store.setPaymentMethod(method, id: setup.subscriptionID)
        if setup.purpose == SubscriptionSetupStore.Purpose.start.rawValue {
            _ = try shell.apply(
                .setupCompleted(at: now), subscriptionID: setup.subscriptionID, now: now, connection: connection)
        } else if let outcome = try shell.apply(
            .paymentMethodUpdated, subscriptionID: setup.subscriptionID, now: now, connection: connection),
            !outcome.changed
        {
            // Nothing owed (or a round already in flight, which the charges joined): the history still tells.
            try store.appendEvent(
                ApplySubscriptionEvent.name(.paymentMethodUpdated), subscription: outcome.subscription,
                to: outcome.subscription.state.status, actorUserID: nil)
        }
        return .completed(subscriptionID: setup.subscriptionID)
    }
}

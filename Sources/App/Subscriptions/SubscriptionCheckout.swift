import Domain
import Foundation
import Logging
import Postgres
import Storage
import Stripe
import Web

/// Completing a subscription's setup-mode Checkout: from the webhook (`checkout.session.completed` in setup mode)
/// and, in mock mode, from `POST /api/v1/billing/checkout/complete {session_id, payment_method?}`.
enum SubscriptionCheckout {
    /// The test payment methods mock mode accepts (Stripe's names): a card that is charged, a card declined at
    /// charge time, a SEPA debit whose outcome arrives later as a `payment_intent.*` event.
    static let simulatedMethods: Set<String> = ["pm_card_visa", "pm_card_chargeDeclined", "pm_sepa_debit"]

    /// Mock mode: completes the caller's simulated setup session `sessionID`; nil when it is not a subscription setup
    /// (the caller then tries a purchase).
    static func completeSimulated(
        sessionID: String, paymentMethod: String?, caller: Caller,
        shell: @autoclosure () throws -> ApplySubscriptionEvent, connection: PostgresConnection
    ) throws -> JSON? {
        guard SimulatedGateway.isSimulated(sessionID) else { return nil }
        guard let company = try SubscriptionSetupStore(connection: connection).companyID(sessionID: sessionID) else {
            return nil
        }
        guard company == caller.principal.companyID.rawValue else {
            throw CheckoutRefusal.unknownSession
        }
        if let paymentMethod, !simulatedMethods.contains(paymentMethod) {
            throw CheckoutRefusal.unknownTestPaymentMethod(allowed: simulatedMethods.sorted())
        }
        let shell = try shell()
        let now = Int64(Date().timeIntervalSince1970)
        let session = SimulatedGateway.completedSetup(
            CheckoutSession(id: sessionID, status: .open, paymentStatus: .unpaid, mode: .setup, expiresAt: now))
        let outcome = try connection.transaction { connection in
            try CompleteSubscriptionSetup(shell: shell).complete(
                session, paymentMethod: paymentMethod ?? SimulatedGateway.defaultPaymentMethod, now: now,
                connection: connection)
        }
        let id: String
        switch outcome {
        case .completed(let subscriptionID), .alreadyComplete(let subscriptionID): id = subscriptionID
        case .notASetup, .notComplete: return nil
        }
        guard let record = try SubscriptionStore(connection: connection).subscription(id: id, companyID: company) else {
            return nil
        }
        return SubscriptionJSON.subscription(record)
    }

    /// The webhook's part: a setup-mode session event or a `payment_intent.*` event of a subscription charge.
    /// Returns the outcome for the event row, or nil when the event is not about subscriptions.
    static func process(
        _ event: StripeEvent, shell: @autoclosure () throws -> ApplySubscriptionEvent, connection: PostgresConnection
    ) throws -> String? {
        let now = Int64(Date().timeIntervalSince1970)
        switch event.knownType {
        case .checkoutSessionCompleted?:
            guard event.object["mode"]?.stringValue == "setup" else { return nil }
            let session = try event.checkoutSession()
            let outcome = try CompleteSubscriptionSetup(shell: try shell()).complete(
                session, paymentMethod: nil, now: now, connection: connection)
            switch outcome {
            case .notASetup: return "ignored: unknown setup session"
            case .notComplete: return "ignored: setup not complete"
            case .alreadyComplete: return "ignored: setup completed before"
            case .completed(let id): return "subscription \(id) set up"
            }
        case .paymentIntentSucceeded?, .paymentIntentPaymentFailed?:
            let intent = try event.paymentIntent()
            return try SettleSubscriptionPayment(shell: try shell()).settle(
                intent, succeeded: event.knownType == .paymentIntentSucceeded, now: now, connection: connection)
                ?? "ignored: not a subscription charge"
        case .setupIntentSucceeded?:
            // The completed session carries the same fact; it is the one acted on.
            return "ignored: setup handled with its checkout session"
        default:
            return nil
        }
    }
}

import Domain
import Logging
import Postgres
import Storage
import Stripe
import Web

/// The jobs process's handler for one stored Stripe event, one branch per event type. Runs inside the
/// job's completing transaction, so the effects and the job's completion commit together.
struct StripeEventProcessor {
    let gateway: () throws(StripeError) -> any PaymentGateway
    /// The seller on the invoices of purchases fulfilled here.
    let seller: SellerProfile
    let logger: Logger
    /// The subscription state machine's shell, for setup-mode sessions and `payment_intent.*` events.
    var subscriptions: ((PostgresConnection) throws -> ApplySubscriptionEvent)? = nil

    /// Processes the event `eventID`; returns a short outcome for the event row.
    func process(eventID: String, connection: PostgresConnection) throws -> String {
        let events = StripeEventStore(connection: connection)
        guard let payload = try events.payload(id: eventID) else { return "missing" }
        let event = try StripeEvent.decode(Array(payload.utf8))
        var logger = logger
        logger[metadataKey: "stripe.event_id"] = "\(event.id)"
        logger[metadataKey: "stripe.event_type"] = "\(event.type)"
        let outcome: String
        if let subscriptions,
            let handled = try SubscriptionCheckout.process(
                event, shell: try subscriptions(connection), connection: connection)
        {
            outcome = handled
        } else if let type = event.knownType, type.carriesCheckoutSession {
            outcome = try checkout(event, type: type, connection: connection, logger: logger)
        } else if event.knownType == .chargeRefunded {
            outcome = try refund(event, connection: connection, logger: logger)
        } else if event.knownType == .refundCreated || event.knownType == .refundUpdated {
            outcome = try CorrectRefundedInvoice(seller: seller, logger: logger).apply(
                refund: event.object, connection: connection)
        } else {
            // The outcome is stored on the event's row; a line per ignored event would repeat it (debug).
            // Events of such types stored since the jobs process feeds them get no job (StripeEventStore.queueJobs
            // settles them with this same outcome); this branch serves jobs queued before.
            outcome = StripeEventStore.ignoredOutcome(type: event.type)
            logger.debug("stripe event ignored")
        }
        try events.markProcessed(id: event.id, outcome: outcome)
        return outcome
    }

    private func checkout(
        _ event: StripeEvent, type: StripeEventType, connection: PostgresConnection, logger: Logger
    ) throws -> String {
        let session = try event.checkoutSession()
        guard var signal = PaymentSignals.signal(for: type, session: session) else { return "ignored" }
        // State-based, not order-based: a completed-but-unpaid session is settled later; when the event
        // says "unpaid" but the session may have moved on since, ask Stripe for the session as it is now.
        if case .sessionCompleted(let status, _, _) = signal, status != "paid",
            !SimulatedGateway.isSimulated(session.id)
        {
            if let current = try? gateway().retrieveCheckoutSession(id: session.id) {
                signal = PaymentSignals.signal(for: current)
            }
        }
        let (outcome, purchase) = try FulfilPurchase.apply(
            signal, purchaseID: session.clientReferenceID, sessionID: session.id, seller: seller,
            connection: connection,
            logger: logger)
        switch outcome {
        case .unknownPurchase:
            logger.warning("stripe event for an unknown purchase", metadata: ["stripe.session_id": "\(session.id)"])
            return "ignored: unknown purchase"
        case .amountMismatch:
            return "refused: amount mismatch for \(purchase?.id ?? "?")"
        case .applied(let status, let fulfilled):
            if let purchase, let intent = session.paymentIntentID, status == .paid {
                try PurchaseStore(connection: connection).recordPaymentIntent(
                    purchaseID: purchase.id, paymentIntent: intent)
            }
            return fulfilled ? "fulfilled" : "status \(status.rawValue)"
        }
    }

    /// `charge.refunded`: a full refund of a paid purchase takes its credits back (REFUNDED); partial refunds are
    /// recorded on the event only (credits are not divisible by the refunded amount in general).
    private func refund(_ event: StripeEvent, connection: PostgresConnection, logger: Logger) throws -> String {
        guard let intent = event.object["payment_intent"]?.stringValue else { return "ignored: no payment_intent" }
        guard event.object["refunded"]?.boolValue == true else { return "ignored: partial refund" }
        guard let purchase = try PurchaseStore(connection: connection).lockForUpdate(paymentIntent: intent) else {
            logger.warning("refund for an unknown payment", metadata: ["stripe.payment_intent": "\(intent)"])
            return "ignored: unknown purchase"
        }
        let (outcome, _) = try FulfilPurchase.apply(
            .refunded, toLocked: purchase, seller: seller, connection: connection, logger: logger)
        if case .applied(let status, _) = outcome { return "status \(status.rawValue)" }
        return "ignored"
    }
}

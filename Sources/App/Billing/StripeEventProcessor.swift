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
    let logger: Logger

    /// Processes the event `eventID`; returns a short outcome for the event row.
    func process(eventID: String, connection: PostgresConnection) throws -> String {
        let events = StripeEventStore(connection: connection)
        guard let payload = try events.payload(id: eventID) else { return "missing" }
        let event = try StripeEvent.decode(Array(payload.utf8))
        var logger = logger
        logger[metadataKey: "stripe.event_id"] = "\(event.id)"
        logger[metadataKey: "stripe.event_type"] = "\(event.type)"
        let outcome: String
        if let type = event.knownType, type.carriesCheckoutSession {
            outcome = try checkout(event, type: type, connection: connection, logger: logger)
        } else {
            outcome = "ignored: \(event.type) is not handled"
            logger.info("stripe event ignored")
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
            signal, purchaseID: session.clientReferenceID, sessionID: session.id, connection: connection,
            logger: logger)
        switch outcome {
        case .unknownPurchase:
            logger.warning("stripe event for an unknown purchase", metadata: ["stripe.session_id": "\(session.id)"])
            return "ignored: unknown purchase"
        case .amountMismatch:
            return "refused: amount mismatch for \(purchase?.id ?? "?")"
        case .applied(let status, let fulfilled):
            return fulfilled ? "fulfilled" : "status \(status.rawValue)"
        }
    }
}

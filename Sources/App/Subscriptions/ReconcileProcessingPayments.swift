import Logging
import Postgres
import Storage
import Stripe

/// A subscription charge can stay `processing` for days (a SEPA Direct Debit), and the `payment_intent.*` event that
/// ends it can be lost. Until it ends, the invoice's dunning waits and an immediate cancellation is refused. This
/// asks Stripe (`GET /v1/payment_intents/{id}`) about every attempt still PROCESSING after ``threshold`` and applies
/// what it sees through the webhook's own path (``SettleSubscriptionPayment``): an attempt settles from PROCESSING
/// exactly once, so the event arriving before, after or at the same time as this changes nothing twice. Run by the
/// jobs process every hour (``SubscriptionJobs/reconcileProcessing``).
struct ReconcileProcessingPayments {
    /// How long a charge stays `processing` before Stripe is asked: 3 days. A SEPA debit usually settles within
    /// that time and its event then arrives on its own; a charge still in flight later is asked about every run.
    static let threshold: Int64 = 3 * 86_400
    /// At most this many attempts per run (the oldest first; the next run goes on).
    static let batch = 100

    /// What one run did.
    struct Summary: Equatable {
        /// Attempts asked about at Stripe.
        var checked = 0
        /// Attempts whose outcome was applied now.
        var settled = 0
        /// Attempts Stripe still reports in flight.
        var stillProcessing = 0
        /// Attempts Stripe could not be asked about (they are asked again next run).
        var errors = 0
    }

    let connection: PostgresConnection
    let shell: ApplySubscriptionEvent

    /// Asks about every attempt PROCESSING since before `now` − ``threshold`` (Unix seconds). Each outcome is applied
    /// in its own transaction, or — inside the caller's transaction (the periodic job) — in that one.
    func run(now: Int64) throws -> Summary {
        var summary = Summary()
        let stuck = try SubscriptionPaymentStore(connection: connection).processing(
            before: now - Self.threshold, limit: Self.batch)
        for payment in stuck {
            // Mock mode's payment intents are not remembered anywhere: only their events tell.
            guard let id = payment.paymentIntentID, !id.hasPrefix("pi_sim_") else { continue }
            summary.checked += 1
            let intent: PaymentIntent
            do throws(StripeError) {
                intent = try shell.gateway().retrievePaymentIntent(id: id)
            } catch {
                summary.errors += 1
                shell.logger.warning(
                    "could not ask Stripe about a processing subscription charge",
                    metadata: ["stripe.payment_intent": "\(id)", "stripe.error": "\(error)"])
                continue
            }
            let succeeded: Bool
            switch intent.status {
            case .succeeded: succeeded = true
            // The same reading as a charge's answer (``ChargeInvoice``): an off-session charge that needs the
            // customer or a new method has failed.
            case .requiresPaymentMethod, .requiresAction, .requiresConfirmation, .canceled: succeeded = false
            case .processing, .requiresCapture:
                summary.stillProcessing += 1
                continue
            }
            let outcome = try unit { connection in
                try SettleSubscriptionPayment(shell: shell).settle(
                    intent, succeeded: succeeded, now: now, connection: connection)
            }
            shell.logger.info(
                "processing subscription charge reconciled",
                metadata: [
                    "stripe.payment_intent": "\(id)", "invoice.id": "\(payment.invoiceID)",
                    "payment.outcome": "\(outcome ?? "not a subscription charge")",
                ])
            if outcome == "invoice paid" || outcome?.hasPrefix("payment failed") == true { summary.settled += 1 }
        }
        return summary
    }

    /// One attempt's transaction — or, when the caller holds one (a job's), its part of that transaction.
    private func unit<Value>(_ body: (PostgresConnection) throws -> Value) throws -> Value {
        if connection.isInTransaction { return try body(connection) }
        return try connection.transaction(body)
    }
}

import Logging
import Postgres
import Storage

/// The first charge of the period invoices the billing run issued (queued in `subscription_charges_due` by the
/// closing transaction): one transaction per invoice that takes its queue row (skipping rows another run holds),
/// charges it through the subscription shell (``ApplySubscriptionEvent/charge(invoiceID:subscriptionID:attempt:now:_:)``:
/// an off-session PaymentIntent with the idempotency key `invoice-<id>-pi-v1`, the outcome applied to the state
/// machine — PAID, or PAST_DUE with dunning) and removes the row. A crash before the commit leaves the row, and the
/// next run's charge is Stripe's replay of the same intent, so each invoice is charged once. Needs a connection
/// outside any transaction.
struct ChargePeriodInvoices {
    /// What a pass did.
    struct Summary: Equatable {
        /// Invoices charged (whatever the outcome: succeeded, declined, processing).
        var charged = 0
        /// Charges that could not be made (Stripe unreachable); they stay queued.
        var failed = 0
    }

    let connection: PostgresConnection
    let shell: ApplySubscriptionEvent
    let logger: Logger

    /// Charges `invoiceID` if it is still queued and no other run holds it; true when charged here.
    func charge(invoiceID: String, now: Int64) throws -> Bool {
        try chargeNext(invoiceID: invoiceID, now: now)
    }

    /// Charges queued invoices, oldest first, until none is left (or `limit` were charged). A charge that throws
    /// (Stripe unreachable) ends the pass: the rest stay queued for the next run.
    func chargeDue(now: Int64, limit: Int? = nil) -> Summary {
        var summary = Summary()
        while limit.map({ summary.charged < $0 }) ?? true {
            do {
                guard try chargeNext(invoiceID: nil, now: now) else { break }
                summary.charged += 1
            } catch {
                summary.failed += 1
                logger.error(
                    "billing: could not charge a period invoice; it stays queued",
                    metadata: ["error": "\(String(reflecting: error))"])
                break
            }
        }
        return summary
    }

    private func chargeNext(invoiceID: String?, now: Int64) throws -> Bool {
        precondition(!connection.isInTransaction, "ChargePeriodInvoices opens one transaction per invoice")
        return try connection.transaction { transaction in
            let queue = SubscriptionChargeQueue(connection: transaction)
            guard let due = try queue.take(invoiceID: invoiceID) else { return false }
            try shell.charge(
                invoiceID: due.invoiceID, subscriptionID: due.subscriptionID, attempt: 1, now: now, transaction)
            try queue.remove(invoiceID: due.invoiceID)
            return true
        }
    }
}

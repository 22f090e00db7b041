import Domain
import Logging
import Postgres
import Storage
import Stripe

/// The thin shell of ``SubscriptionTransition``: locks the subscription, applies the pure transition, stores the
/// new state with a history entry and performs the actions — issuing and charging invoices, retries, notices —
/// all in the caller's transaction, so a crash leaves either everything or nothing (and Stripe's idempotency keys
/// make a repeated charge a replay).
struct ApplySubscriptionEvent {
    /// Issues the invoice of a closed period: overage of `closed` in arrears plus the base fee of `next` (when the
    /// subscription goes on) in advance; nil when there is nothing to bill. The billing run (SUBS-USAGE) provides
    /// it; without one, the base fee of `next` is invoiced.
    typealias PeriodInvoicer = (
        _ subscription: SubscriptionRecord, _ closed: BilledPeriod, _ next: BilledPeriod?,
        _ connection: PostgresConnection
    ) throws -> InvoiceRecord?

    let gateway: () throws(StripeError) -> any PaymentGateway
    let invoices: IssueSubscriptionInvoice
    let logger: Logger
    /// `CODEZERO_PUBLIC_URL`, for links in notices.
    let publicURL: String
    var periodInvoicer: PeriodInvoicer?

    /// What happened.
    struct Outcome {
        /// The subscription after the event.
        let subscription: SubscriptionRecord
        /// Whether the state changed.
        let changed: Bool
        /// The refusal, when refused.
        let refusal: SubscriptionTransition.Refusal?
    }

    /// Applies `event` to subscription `id` (nil when unknown). Must run inside a transaction.
    func apply(
        _ event: SubscriptionEvent, subscriptionID id: String, actorUserID: String? = nil, now: Int64,
        connection: PostgresConnection
    ) throws -> Outcome? {
        precondition(connection.isInTransaction, "ApplySubscriptionEvent needs the caller's transaction")
        let store = SubscriptionStore(connection: connection)
        guard let subscription = try store.lockForUpdate(id: id) else { return nil }
        if case .cancelNow = event, subscription.state.status != .canceled,
            try SubscriptionPaymentStore(connection: connection).paymentInFlight(subscriptionID: id)
        {
            // Ending it now would credit the unused part of an invoice that the payment in flight may still pay in
            // full; the payment's event and this cancellation are serialised by the row lock taken above.
            return Outcome(subscription: subscription, changed: false, refusal: .paymentInProgress)
        }
        let owed = try SubscriptionPaymentStore(connection: connection).owedInvoices(subscriptionID: id)
        let transition = SubscriptionTransition.apply(
            event, to: subscription.state,
            unpaid: UnpaidInvoices(ids: owed.map(\.invoiceID), paymentInFlight: owed.contains(where: \.inFlight)))
        if let refusal = transition.refusal {
            return Outcome(subscription: subscription, changed: false, refusal: refusal)
        }
        let changed = transition.changed(from: subscription.state)
        if changed {
            try store.save(transition.state, id: id)
            try store.appendEvent(
                Self.name(event), subscription: subscription, to: transition.state.status, actorUserID: actorUserID)
            logger.info(
                "subscription changed",
                metadata: [
                    "subscription.id": "\(id)", "subscription.event": "\(Self.name(event))",
                    "subscription.from": "\(subscription.state.status.rawValue)",
                    "subscription.to": "\(transition.state.status.rawValue)",
                ])
        }
        var current = subscription
        current.state = transition.state
        for action in transition.actions {
            try perform(action, subscription: current, now: now, connection: connection)
        }
        let after = try store.lockForUpdate(id: id) ?? current
        return Outcome(subscription: after, changed: changed, refusal: nil)
    }

    private func perform(
        _ action: SubscriptionTransition.Action, subscription: SubscriptionRecord, now: Int64,
        connection: PostgresConnection
    ) throws {
        switch action {
        case .invoicePeriod(let start, let end, let planID):
            let invoice = try invoices.issue(
                subscription: subscription, start: start, end: end, planID: planID, first: true,
                connection: connection)
            guard invoice.status == .open, invoice.grossCents > 0 else { return }
            try charge(invoiceID: invoice.id, subscriptionID: subscription.id, attempt: 1, now: now, connection)
        case .invoiceClosedPeriod(let closed, let next):
            let invoice: InvoiceRecord?
            if let periodInvoicer {
                invoice = try periodInvoicer(subscription, closed, next, connection)
            } else if let next {
                invoice = try invoices.issue(
                    subscription: subscription, start: next.start, end: next.end, planID: next.planID,
                    connection: connection)
            } else {
                invoice = nil
            }
            guard let invoice, invoice.status == .open, invoice.grossCents > 0 else { return }
            try charge(invoiceID: invoice.id, subscriptionID: subscription.id, attempt: 1, now: now, connection)
        case .retryCharge(let invoiceID, _):
            try chargeOwed(leading: invoiceID, subscriptionID: subscription.id, now: now, connection)
        case .notifyPaymentFailed, .notifySuspended, .notifyCollectionFailed, .notifyReactivated, .notifyCanceled,
            .notifyPlanChanged, .notifyRecoveryFailed:
            try SubscriptionNotices(connection: connection, publicURL: publicURL).record(
                action, subscription: subscription)
        case .creditUnusedPart(let from, let periodStart, let periodEnd):
            let credit = try SubscriptionNotices(connection: connection, publicURL: publicURL).recordCredit(
                subscription: subscription, from: from, periodStart: periodStart, periodEnd: periodEnd)
            // Unpaid: the unused part is deducted from the amount due (a paid one is refunded by the job instead).
            if let invoice = credit.invoice, invoice.status == .open, credit.netCents > 0 {
                try ReduceUnpaidPeriodInvoice(issuer: invoices.issuer, logger: logger).reduce(
                    invoiceID: invoice.id, netCents: credit.netCents, subscriptionID: subscription.id,
                    connection: connection)
            }
        }
    }

    /// A retry round: charges every invoice of the subscription still owed, oldest first, each with its own next
    /// attempt (`invoice-<id>-pi-v<n>`), skipping one whose payment is in flight; only then applies the outcomes, so
    /// the state machine sees the round's last outcome with every attempt of it recorded.
    private func chargeOwed(
        leading invoiceID: String, subscriptionID: String, now: Int64, _ connection: PostgresConnection
    ) throws {
        let owed = try SubscriptionPaymentStore(connection: connection).owedInvoices(subscriptionID: subscriptionID)
        guard !owed.isEmpty else {
            // Nothing is owed any more (the leading invoice was paid or settled without its event reaching the
            // dunning): the collection ends.
            _ = try apply(
                .invoiceSettled(invoiceID: invoiceID), subscriptionID: subscriptionID, now: now, connection: connection)
            return
        }
        var outcomes: [(invoiceID: String, outcome: ChargeInvoice.Outcome?)] = []
        for invoice in owed where !invoice.inFlight {
            let outcome = try ChargeInvoice(gateway: gateway, logger: logger).charge(
                invoiceID: invoice.invoiceID, subscriptionID: subscriptionID, attempt: invoice.nextAttempt,
                connection: connection)
            outcomes.append((invoice.invoiceID, outcome))
        }
        for (invoiceID, outcome) in outcomes {
            try settleCharge(outcome, invoiceID: invoiceID, subscriptionID: subscriptionID, now: now, connection)
        }
    }

    /// Charges the invoice (attempt `attempt`) and applies a synchronous outcome (succeeded or declined) at once.
    func charge(
        invoiceID: String, subscriptionID: String, attempt: Int, now: Int64, _ connection: PostgresConnection
    ) throws {
        let outcome = try ChargeInvoice(gateway: gateway, logger: logger).charge(
            invoiceID: invoiceID, subscriptionID: subscriptionID, attempt: attempt, connection: connection)
        try settleCharge(outcome, invoiceID: invoiceID, subscriptionID: subscriptionID, now: now, connection)
    }

    private func settleCharge(
        _ outcome: ChargeInvoice.Outcome?, invoiceID: String, subscriptionID: String, now: Int64,
        _ connection: PostgresConnection
    ) throws {
        guard let outcome else {
            // Nothing to charge: corrections reduced it to 0 (SETTLED now), so its collection ends.
            if try InvoiceStore(connection: connection).invoice(id: invoiceID)?.status == .settled {
                _ = try apply(
                    .invoiceSettled(invoiceID: invoiceID), subscriptionID: subscriptionID, now: now,
                    connection: connection)
            }
            return
        }
        try settle(outcome, now: now, connection: connection)
    }

    /// Applies the outcome of a payment attempt (from the charge's answer or a `payment_intent.*` event): the
    /// invoice PAID on success, the subscription's dunning moved on either way. Repeats change nothing.
    func settle(_ outcome: ChargeInvoice.Outcome, now: Int64, connection: PostgresConnection) throws {
        switch outcome {
        case .succeeded(let payment):
            let invoices = InvoiceStore(connection: connection)
            try invoices.markPaid(
                invoiceID: payment.invoiceID,
                method: payment.paymentIntentID?.hasPrefix("pi_sim_") == true
                    ? "mock" : "stripe", reference: payment.paymentIntentID)
            // The first invoice of a subscription started from a configurator order pays that order.
            if let orderID = try invoices.invoice(id: payment.invoiceID)?.orderID {
                _ = try OrderStore(connection: connection).markPaid(id: orderID)
            }
            _ = try apply(
                .paymentSucceeded(invoiceID: payment.invoiceID), subscriptionID: payment.subscriptionID, now: now,
                connection: connection)
        case .failed(let payment):
            _ = try apply(
                .paymentFailed(invoiceID: payment.invoiceID, attempt: payment.attempt, at: now),
                subscriptionID: payment.subscriptionID, now: now, connection: connection)
        case .processing:
            break
        }
    }

    /// The history name of an event.
    static func name(_ event: SubscriptionEvent) -> String {
        switch event {
        case .setupCompleted: "setup.completed"
        case .paymentSucceeded: "payment.succeeded"
        case .invoiceSettled: "invoice.settled"
        case .paymentFailed: "payment.failed"
        case .retryDue: "retry.started"
        case .cancelAtPeriodEnd: "cancel.at_period_end"
        case .cancelNow: "cancel.now"
        case .changePlan: "plan.change"
        case .periodEnded: "period.ended"
        case .paymentMethodUpdated: "payment_method.updated"
        }
    }
}

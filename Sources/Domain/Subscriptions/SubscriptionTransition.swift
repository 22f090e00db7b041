/// The subscription lifecycle as a pure function: (state, event, time) → (state, actions).
///
/// State-based, not order-based: a duplicate, late or out-of-order event finds the state already past it and
/// changes nothing (a failure of an attempt already counted, a success for an invoice no longer collected, a
/// period end before its time). The shell performs the actions in the same transaction as the state change;
/// unique indexes (one payment row per invoice and attempt, one invoice per subscription and period) are the
/// second line of defence.
public struct SubscriptionTransition: Sendable, Hashable {
    /// What the shell must do.
    public enum Action: Sendable, Hashable {
        /// Issue the invoice of the first period `[start, end)` for `planID` (its base fee, in advance) and charge
        /// it (attempt 1).
        case invoicePeriod(start: Int64, end: Int64, planID: String)
        /// The period `closed` ended: issue its invoice — the overage of `closed` in arrears plus, when the
        /// subscription goes on, the base fee of `next` in advance — and charge it (attempt 1).
        case invoiceClosedPeriod(closed: BilledPeriod, next: BilledPeriod?)
        /// A retry round: charge `invoiceID` again (attempt `attempt`, a new PaymentIntent) and with it every other
        /// invoice of the subscription still owed (each its own next attempt), oldest first.
        case retryCharge(invoiceID: String, attempt: Int)
        /// Tell the customer the payment failed; `nextRetryAt` is when we try again.
        case notifyPaymentFailed(invoiceID: String, attempt: Int, nextRetryAt: Int64)
        /// Tell the customer the subscription is suspended (every retry failed).
        case notifySuspended(invoiceID: String)
        /// Tell the customer of an ended subscription that the last attempt to collect `invoiceID` failed too (no
        /// retry is left; the invoice stays due).
        case notifyCollectionFailed(invoiceID: String)
        /// Tell the customer the subscription is active again (the overdue invoice was paid).
        case notifyReactivated(invoiceID: String)
        /// Tell the customer the charge with the newly saved payment method failed too: the dunning goes on with
        /// its next retry at `nextRetryAt`, or — none left — the subscription stays suspended (an ended one's
        /// invoices stay due).
        case notifyRecoveryFailed(invoiceID: String, nextRetryAt: Int64?)
        /// Tell the customer the subscription will end at `at` / has ended.
        case notifyCanceled(at: Int64)
        /// Tell the customer the plan changes to `planID` from `from`.
        case notifyPlanChanged(planID: String, from: Int64)
        /// Credit the unused part `[from, to)` of the current period (an immediate cancellation by an admin).
        case creditUnusedPart(from: Int64, periodStart: Int64, periodEnd: Int64)
    }

    /// Why an event a person asked for cannot be applied.
    public enum Refusal: Sendable, Hashable {
        /// The subscription has ended.
        case canceled
        /// The subscription has not started (no payment method yet).
        case notStarted
        /// The plan asked for is already the plan (or the pending one).
        case samePlan
        /// A payment of the subscription's invoice is in flight (e.g. a SEPA debit `processing`): ending it now
        /// could credit an unused part that the payment then pays as well. The shell refuses until it settles.
        case paymentInProgress
    }

    /// The state after the event.
    public let state: SubscriptionState
    /// What to do, in order.
    public let actions: [Action]
    /// Set when the event was refused (state unchanged).
    public let refusal: Refusal?

    init(_ state: SubscriptionState, _ actions: [Action] = [], refusal: Refusal? = nil) {
        self.state = state
        self.actions = actions
        self.refusal = refusal
    }

    /// Whether the state changed.
    public func changed(from before: SubscriptionState) -> Bool { state != before }

    /// Applies `event` to `state`; `unpaid` are the subscription's invoices still owed (read by the shell under the
    /// row lock; they decide when a retry round has ended and whether the dunning is over).
    public static func apply(
        _ event: SubscriptionEvent, to state: SubscriptionState, unpaid: UnpaidInvoices = .none
    ) -> SubscriptionTransition {
        switch event {
        case .setupCompleted(let at): setupCompleted(state, at: at)
        case .paymentSucceeded(let invoiceID), .invoiceSettled(let invoiceID):
            paymentSucceeded(state, invoiceID: invoiceID, unpaid: unpaid)
        case .paymentFailed(let invoiceID, let attempt, let at):
            paymentFailed(state, invoiceID: invoiceID, attempt: attempt, at: at, unpaid: unpaid)
        case .retryDue(let now): retryDue(state, now: now)
        case .cancelAtPeriodEnd: cancelAtPeriodEnd(state)
        case .cancelNow(let at): cancelNow(state, at: at)
        case .changePlan(let planID): changePlan(state, planID: planID)
        case .periodEnded(let now): periodEnded(state, now: now)
        case .paymentMethodUpdated: paymentMethodUpdated(state)
        }
    }

    private static func setupCompleted(_ state: SubscriptionState, at: Int64) -> SubscriptionTransition {
        // A repeated completion (webhook and mock completion, or a new payment method) starts nothing twice.
        guard state.status == .incomplete else { return SubscriptionTransition(state) }
        var next = state
        next.status = .active
        next.periodStart = BillingPeriod.startOfDay(at)
        next.periodEnd = BillingPeriod.end(ofPeriodStartingAt: next.periodStart)
        return SubscriptionTransition(
            next, [.invoicePeriod(start: next.periodStart, end: next.periodEnd, planID: next.planID)])
    }

    /// An invoice was paid (or settled without money). When it is the one the dunning is led by, the dunning ends
    /// if nothing else is owed (ACTIVE again), otherwise the oldest invoice still owed leads it on. A round whose
    /// attempts have all ended with something still owed has failed.
    private static func paymentSucceeded(
        _ state: SubscriptionState, invoiceID: String, unpaid: UnpaidInvoices
    ) -> SubscriptionTransition {
        guard var dunning = state.dunning else { return SubscriptionTransition(state) }
        var next = state
        if dunning.invoiceID == invoiceID {
            guard let lead = unpaid.ids.first(where: { $0 != invoiceID }) else {
                next.dunning = nil
                guard state.status == .pastDue || state.status == .suspended else {
                    return SubscriptionTransition(next)
                }
                next.status = .active
                return SubscriptionTransition(next, [.notifyReactivated(invoiceID: invoiceID)])
            }
            dunning.invoiceID = lead
            next.dunning = dunning
        }
        guard dunning.nextRetryAt == nil, !unpaid.paymentInFlight else { return SubscriptionTransition(next) }
        if dunning.recovering { return recoveryFailed(next, dunning: dunning) }
        guard dunning.failedAttempts <= Dunning.retryDays.count else { return SubscriptionTransition(next) }
        return roundFailed(next, dunning: dunning)
    }

    /// A new payment method was saved while invoices are owed (PAST_DUE or SUSPENDED): every owed invoice is charged
    /// with it now — a recovery round, the same charges as a retry's, outside the schedule. Its success ends the
    /// dunning (ACTIVE, also from SUSPENDED) like any payment; its failure counts no round (``recoveryFailed``).
    /// A round already in flight (a scheduled retry's or an earlier recovery's) is joined: the shell charges what
    /// has no payment in flight. An ended subscription's invoices are collected by their schedule only.
    private static func paymentMethodUpdated(_ state: SubscriptionState) -> SubscriptionTransition {
        guard state.status == .pastDue || state.status == .suspended, var dunning = state.dunning else {
            return SubscriptionTransition(state)
        }
        let charge = Action.retryCharge(invoiceID: dunning.invoiceID, attempt: dunning.failedAttempts + 1)
        if dunning.recovering || (state.status == .pastDue && dunning.nextRetryAt == nil) {
            return SubscriptionTransition(state, [charge])
        }
        dunning.recovering = true
        dunning.nextRetryAt = nil
        var next = state
        next.dunning = dunning
        return SubscriptionTransition(next, [charge])
    }

    /// The recovery round failed: the schedule goes on where it was (the retry it was waiting for, which may be due
    /// at once), or — no retry left — the subscription stays suspended; the customer is told either way.
    private static func recoveryFailed(_ state: SubscriptionState, dunning: Dunning) -> SubscriptionTransition {
        var dunning = dunning
        var next = state
        dunning.recovering = false
        dunning.nextRetryAt = Dunning.retryTime(
            firstFailureAt: dunning.firstFailureAt, failedAttempts: dunning.failedAttempts)
        next.dunning = dunning
        return SubscriptionTransition(
            next, [.notifyRecoveryFailed(invoiceID: dunning.invoiceID, nextRetryAt: dunning.nextRetryAt)])
    }

    private static func paymentFailed(
        _ state: SubscriptionState, invoiceID: String, attempt: Int, at: Int64, unpaid: UnpaidInvoices
    ) -> SubscriptionTransition {
        if state.status == .incomplete { return SubscriptionTransition(state) }
        guard let dunning = state.dunning else {
            // Only a first attempt opens dunning; a failure of a later attempt cannot precede the first one's. The
            // final invoice of a subscription that ended at its period end opens it like an active one's.
            guard state.status == .active || state.status == .canceled, attempt == 1,
                let retry = Dunning.retryTime(firstFailureAt: at, failedAttempts: 1)
            else { return SubscriptionTransition(state) }
            var next = state
            if state.status == .active { next.status = .pastDue }
            next.dunning = Dunning(invoiceID: invoiceID, firstFailureAt: at, failedAttempts: 1, nextRetryAt: retry)
            return SubscriptionTransition(
                next, [.notifyPaymentFailed(invoiceID: invoiceID, attempt: 1, nextRetryAt: retry)])
        }
        // Counted once: the attempt in flight of the leading invoice, or an attempt of another invoice still owed.
        let leading = dunning.invoiceID == invoiceID && attempt == dunning.failedAttempts + 1
        guard state.status != .active, leading || unpaid.ids.contains(invoiceID) else {
            return SubscriptionTransition(state)
        }
        guard let retry = dunning.nextRetryAt else {
            if dunning.recovering {
                // The recovery round ends with its last attempt too, but counts no round.
                guard !unpaid.paymentInFlight else { return SubscriptionTransition(state) }
                return recoveryFailed(state, dunning: dunning)
            }
            // A round ends with its last attempt; an ended subscription's last try may follow the schedule's end.
            guard dunning.failedAttempts <= Dunning.retryDays.count || state.status == .canceled,
                !unpaid.paymentInFlight
            else { return SubscriptionTransition(state) }
            return roundFailed(state, dunning: dunning)
        }
        // Waiting for the next retry: a newer invoice's first charge failed. The next retry collects it with the
        // others; the customer is told now.
        guard invoiceID != dunning.invoiceID, attempt == 1, state.status != .suspended else {
            return SubscriptionTransition(state)
        }
        return SubscriptionTransition(
            state, [.notifyPaymentFailed(invoiceID: invoiceID, attempt: 1, nextRetryAt: retry)])
    }

    /// A round of attempts failed: the next retry is scheduled (a mail), or, when none is left, the subscription is
    /// suspended — an ended one's invoices stay due with a last mail.
    private static func roundFailed(_ state: SubscriptionState, dunning: Dunning) -> SubscriptionTransition {
        var dunning = dunning
        var next = state
        dunning.failedAttempts += 1
        dunning.nextRetryAt = Dunning.retryTime(
            firstFailureAt: dunning.firstFailureAt, failedAttempts: dunning.failedAttempts)
        next.dunning = dunning
        if let retry = dunning.nextRetryAt {
            return SubscriptionTransition(
                next,
                [
                    .notifyPaymentFailed(
                        invoiceID: dunning.invoiceID, attempt: dunning.failedAttempts, nextRetryAt: retry)
                ])
        }
        switch state.status {
        case .canceled:
            return SubscriptionTransition(next, [.notifyCollectionFailed(invoiceID: dunning.invoiceID)])
        case .pastDue:
            next.status = .suspended
            return SubscriptionTransition(next, [.notifySuspended(invoiceID: dunning.invoiceID)])
        case .active, .incomplete, .suspended:
            return SubscriptionTransition(next)
        }
    }

    private static func retryDue(_ state: SubscriptionState, now: Int64) -> SubscriptionTransition {
        guard state.status == .pastDue || state.status == .canceled, var dunning = state.dunning,
            let due = dunning.nextRetryAt, due <= now
        else {
            return SubscriptionTransition(state)
        }
        dunning.nextRetryAt = nil
        var next = state
        next.dunning = dunning
        return SubscriptionTransition(
            next, [.retryCharge(invoiceID: dunning.invoiceID, attempt: dunning.failedAttempts + 1)])
    }

    private static func cancelAtPeriodEnd(_ state: SubscriptionState) -> SubscriptionTransition {
        switch state.status {
        case .canceled:
            return SubscriptionTransition(state, refusal: .canceled)
        case .incomplete:
            // Nothing was billed: it ends now.
            var next = state
            next.status = .canceled
            return SubscriptionTransition(next)
        case .active, .pastDue, .suspended:
            guard !state.cancelAtPeriodEnd else { return SubscriptionTransition(state) }
            var next = state
            next.cancelAtPeriodEnd = true
            return SubscriptionTransition(next, [.notifyCanceled(at: state.periodEnd)])
        }
    }

    private static func cancelNow(_ state: SubscriptionState, at: Int64) -> SubscriptionTransition {
        switch state.status {
        case .canceled:
            return SubscriptionTransition(state, refusal: .canceled)
        case .incomplete:
            var next = state
            next.status = .canceled
            return SubscriptionTransition(next)
        case .active, .pastDue, .suspended:
            var next = state
            next.status = .canceled
            next.cancelAtPeriodEnd = false
            next.pendingPlanID = nil
            var actions: [Action] = []
            if at < state.periodEnd {
                actions.append(
                    .creditUnusedPart(
                        from: max(at, state.periodStart), periodStart: state.periodStart, periodEnd: state.periodEnd))
            }
            // The invoice being collected stays owed (less the unused part just credited): its dunning goes on,
            // and unless an attempt is in flight, what is left is charged now (a new attempt).
            if var dunning = state.dunning,
                dunning.nextRetryAt != nil || dunning.recovering || dunning.failedAttempts > Dunning.retryDays.count
            {
                dunning.nextRetryAt = nil
                dunning.recovering = false
                next.dunning = dunning
                actions.append(.notifyCanceled(at: at))
                actions.append(.retryCharge(invoiceID: dunning.invoiceID, attempt: dunning.failedAttempts + 1))
                return SubscriptionTransition(next, actions)
            }
            actions.append(.notifyCanceled(at: at))
            return SubscriptionTransition(next, actions)
        }
    }

    private static func changePlan(_ state: SubscriptionState, planID: String) -> SubscriptionTransition {
        switch state.status {
        case .canceled: return SubscriptionTransition(state, refusal: .canceled)
        case .incomplete: return SubscriptionTransition(state, refusal: .notStarted)
        case .active, .pastDue, .suspended:
            if planID == (state.pendingPlanID ?? state.planID) {
                return SubscriptionTransition(state, refusal: .samePlan)
            }
            var next = state
            next.pendingPlanID = planID == state.planID ? nil : planID
            return SubscriptionTransition(next, [.notifyPlanChanged(planID: planID, from: state.periodEnd)])
        }
    }

    private static func periodEnded(_ state: SubscriptionState, now: Int64) -> SubscriptionTransition {
        guard state.status == .active || state.status == .pastDue, state.periodEnd > 0, now >= state.periodEnd else {
            // A suspended subscription is not billed on; it continues from where it stopped once paid.
            return SubscriptionTransition(state)
        }
        let closed = BilledPeriod(start: state.periodStart, end: state.periodEnd, planID: state.planID)
        var next = state
        if state.cancelAtPeriodEnd {
            next.status = .canceled
            next.cancelAtPeriodEnd = false
            next.pendingPlanID = nil
            // An invoice still being collected stays owed: its dunning goes on after the end.
            return SubscriptionTransition(next, [.invoiceClosedPeriod(closed: closed, next: nil)])
        }
        next.periodStart = state.periodEnd
        next.periodEnd = BillingPeriod.end(ofPeriodStartingAt: state.periodEnd)
        next.planID = state.pendingPlanID ?? state.planID
        next.pendingPlanID = nil
        let opened = BilledPeriod(start: next.periodStart, end: next.periodEnd, planID: next.planID)
        return SubscriptionTransition(next, [.invoiceClosedPeriod(closed: closed, next: opened)])
    }
}

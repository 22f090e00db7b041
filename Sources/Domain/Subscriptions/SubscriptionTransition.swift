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
        /// Charge `invoiceID` again (attempt `attempt`, a new PaymentIntent).
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

    /// Applies `event` to `state`.
    public static func apply(_ event: SubscriptionEvent, to state: SubscriptionState) -> SubscriptionTransition {
        switch event {
        case .setupCompleted(let at): setupCompleted(state, at: at)
        case .paymentSucceeded(let invoiceID), .invoiceSettled(let invoiceID):
            paymentSucceeded(state, invoiceID: invoiceID)
        case .paymentFailed(let invoiceID, let attempt, let at):
            paymentFailed(state, invoiceID: invoiceID, attempt: attempt, at: at)
        case .retryDue(let now): retryDue(state, now: now)
        case .cancelAtPeriodEnd: cancelAtPeriodEnd(state)
        case .cancelNow(let at): cancelNow(state, at: at)
        case .changePlan(let planID): changePlan(state, planID: planID)
        case .periodEnded(let now): periodEnded(state, now: now)
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

    private static func paymentSucceeded(_ state: SubscriptionState, invoiceID: String) -> SubscriptionTransition {
        guard let dunning = state.dunning, dunning.invoiceID == invoiceID else { return SubscriptionTransition(state) }
        var next = state
        next.dunning = nil
        guard state.status == .pastDue || state.status == .suspended else { return SubscriptionTransition(next) }
        next.status = .active
        return SubscriptionTransition(next, [.notifyReactivated(invoiceID: invoiceID)])
    }

    private static func paymentFailed(
        _ state: SubscriptionState, invoiceID: String, attempt: Int, at: Int64
    ) -> SubscriptionTransition {
        switch state.status {
        case .incomplete:
            return SubscriptionTransition(state)
        case .canceled:
            return collectionFailed(state, invoiceID: invoiceID, attempt: attempt, at: at)
        case .active:
            // Only a first attempt opens dunning; a failure of a later attempt cannot precede the first one's.
            guard state.dunning == nil, attempt == 1 else { return SubscriptionTransition(state) }
            guard let retry = Dunning.retryTime(firstFailureAt: at, failedAttempts: 1) else {
                return SubscriptionTransition(state)
            }
            var next = state
            next.status = .pastDue
            next.dunning = Dunning(invoiceID: invoiceID, firstFailureAt: at, failedAttempts: 1, nextRetryAt: retry)
            return SubscriptionTransition(
                next, [.notifyPaymentFailed(invoiceID: invoiceID, attempt: 1, nextRetryAt: retry)])
        case .pastDue, .suspended:
            // Counted once: only the failure of the attempt in flight moves dunning on.
            guard var dunning = state.dunning, dunning.invoiceID == invoiceID, attempt == dunning.failedAttempts + 1,
                dunning.nextRetryAt == nil
            else { return SubscriptionTransition(state) }
            dunning.failedAttempts = attempt
            var next = state
            if let retry = Dunning.retryTime(firstFailureAt: dunning.firstFailureAt, failedAttempts: attempt) {
                dunning.nextRetryAt = retry
                next.dunning = dunning
                return SubscriptionTransition(
                    next, [.notifyPaymentFailed(invoiceID: invoiceID, attempt: attempt, nextRetryAt: retry)])
            }
            next.dunning = dunning
            guard state.status == .pastDue else { return SubscriptionTransition(next) }
            next.status = .suspended
            return SubscriptionTransition(next, [.notifySuspended(invoiceID: invoiceID)])
        }
    }

    /// A charge of an ended subscription's invoice failed: its invoice's dunning goes on (retries 3, 7 and 14 days
    /// after the first failure, a mail each) although there is nothing left to suspend. The final invoice of a
    /// subscription that ended at its period end opens dunning with its first attempt like an active one.
    private static func collectionFailed(
        _ state: SubscriptionState, invoiceID: String, attempt: Int, at: Int64
    ) -> SubscriptionTransition {
        var next = state
        guard var dunning = state.dunning else {
            guard attempt == 1, let retry = Dunning.retryTime(firstFailureAt: at, failedAttempts: 1) else {
                return SubscriptionTransition(state)
            }
            next.dunning = Dunning(invoiceID: invoiceID, firstFailureAt: at, failedAttempts: 1, nextRetryAt: retry)
            return SubscriptionTransition(
                next, [.notifyPaymentFailed(invoiceID: invoiceID, attempt: 1, nextRetryAt: retry)])
        }
        guard dunning.invoiceID == invoiceID, attempt == dunning.failedAttempts + 1, dunning.nextRetryAt == nil else {
            return SubscriptionTransition(state)
        }
        dunning.failedAttempts = attempt
        dunning.nextRetryAt = Dunning.retryTime(firstFailureAt: dunning.firstFailureAt, failedAttempts: attempt)
        next.dunning = dunning
        guard let retry = dunning.nextRetryAt else {
            return SubscriptionTransition(next, [.notifyCollectionFailed(invoiceID: invoiceID)])
        }
        return SubscriptionTransition(
            next, [.notifyPaymentFailed(invoiceID: invoiceID, attempt: attempt, nextRetryAt: retry)])
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
                dunning.nextRetryAt != nil || dunning.failedAttempts > Dunning.retryDays.count
            {
                dunning.nextRetryAt = nil
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

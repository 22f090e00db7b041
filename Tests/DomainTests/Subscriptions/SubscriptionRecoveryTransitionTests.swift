import Domain
import Testing

/// A new payment method saved while invoices are owed (``SubscriptionEvent/paymentMethodUpdated``): a recovery round
/// charges every owed invoice at once; paid → ACTIVE (from SUSPENDED too); failed → the state stays, the schedule
/// goes on where it was (no round counted), the customer is told. Duplicate and late outcomes count once.
@Suite struct SubscriptionRecoveryTransitionTests {
    typealias Row = (
        SubscriptionState, SubscriptionEvent, UnpaidInvoices, SubscriptionState, [SubscriptionTransition.Action]
    )
    static let jan1 = SubscriptionTransitionTests.jan1
    static let day = SubscriptionTransitionTests.day

    static func pastDue(
        failed: Int, next: Int64?, recovering: Bool = false, lead: String = "inv1"
    )
        -> SubscriptionState
    {
        var state = SubscriptionTransitionTests.pastDue(failed: failed, next: next)
        state.dunning?.invoiceID = lead
        state.dunning?.recovering = recovering
        return state
    }

    static func suspended(recovering: Bool = false, lead: String = "inv1") -> SubscriptionState {
        var state = pastDue(failed: 4, next: nil, recovering: recovering, lead: lead)
        state.status = .suspended
        return state
    }

    static func owed(_ ids: String..., inFlight: Bool = false) -> UnpaidInvoices {
        UnpaidInvoices(ids: ids, paymentInFlight: inFlight)
    }

    static let table: [Row] = [
        // PAST_DUE waiting for its retry: the new method charges everything owed now, outside the schedule.
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .paymentMethodUpdated, owed("inv1", "inv2"),
            pastDue(failed: 1, next: nil, recovering: true), [.retryCharge(invoiceID: "inv1", attempt: 2)]
        ),
        // SUSPENDED (no retry left): the same.
        (
            suspended(), .paymentMethodUpdated, owed("inv1"), suspended(recovering: true),
            [.retryCharge(invoiceID: "inv1", attempt: 5)]
        ),
        // A round already in flight (a scheduled retry's, or an earlier recovery's) is joined, the state kept: the
        // shell charges only what has no payment in flight.
        (
            pastDue(failed: 2, next: nil), .paymentMethodUpdated, owed("inv1", inFlight: true),
            pastDue(failed: 2, next: nil), [.retryCharge(invoiceID: "inv1", attempt: 3)]
        ),
        (
            suspended(recovering: true), .paymentMethodUpdated, owed("inv1", inFlight: true),
            suspended(recovering: true), [.retryCharge(invoiceID: "inv1", attempt: 5)]
        ),
        // Nothing owed, nothing to do: ACTIVE, INCOMPLETE, and an ended subscription (its schedule collects it).
        (SubscriptionTransitionTests.active, .paymentMethodUpdated, owed(), SubscriptionTransitionTests.active, []),
        (
            SubscriptionTransitionTests.incomplete, .paymentMethodUpdated, owed(),
            SubscriptionTransitionTests.incomplete, []
        ),
        (
            SubscriptionTransitionTests.canceled(failed: 2, next: jan1 + 7 * day), .paymentMethodUpdated,
            owed("inv1"), SubscriptionTransitionTests.canceled(failed: 2, next: jan1 + 7 * day), []
        ),
        // Paid with the new method, nothing else owed → ACTIVE (from PAST_DUE and from SUSPENDED).
        (
            pastDue(failed: 1, next: nil, recovering: true), .paymentSucceeded(invoiceID: "inv1"), owed(),
            SubscriptionTransitionTests.active, [.notifyReactivated(invoiceID: "inv1")]
        ),
        (
            suspended(recovering: true), .paymentSucceeded(invoiceID: "inv1"), owed(),
            SubscriptionTransitionTests.active, [.notifyReactivated(invoiceID: "inv1")]
        ),
        // The lead paid, another invoice's charge still in flight: it leads on, the recovery goes on.
        (
            suspended(recovering: true), .paymentSucceeded(invoiceID: "inv1"), owed("inv2", inFlight: true),
            suspended(recovering: true, lead: "inv2"), []
        ),
        // …and that one paid as well → ACTIVE.
        (
            suspended(recovering: true, lead: "inv2"), .paymentSucceeded(invoiceID: "inv2"), owed(),
            SubscriptionTransitionTests.active, [.notifyReactivated(invoiceID: "inv2")]
        ),
        // Failed: PAST_DUE keeps its schedule (the retry it waited for, no round counted), with a mail.
        (
            pastDue(failed: 1, next: nil, recovering: true), .paymentFailed(invoiceID: "inv1", attempt: 2, at: jan1),
            owed("inv1"), pastDue(failed: 1, next: jan1 + 3 * day),
            [.notifyRecoveryFailed(invoiceID: "inv1", nextRetryAt: jan1 + 3 * day)]
        ),
        (
            pastDue(failed: 3, next: nil, recovering: true),
            .paymentFailed(invoiceID: "inv1", attempt: 4, at: jan1 + 10 * day), owed("inv1"),
            pastDue(failed: 3, next: jan1 + 14 * day),
            [.notifyRecoveryFailed(invoiceID: "inv1", nextRetryAt: jan1 + 14 * day)]
        ),
        // Failed: SUSPENDED stays SUSPENDED, with a mail.
        (
            suspended(recovering: true), .paymentFailed(invoiceID: "inv1", attempt: 5, at: jan1 + 20 * day),
            owed("inv1"), suspended(), [.notifyRecoveryFailed(invoiceID: "inv1", nextRetryAt: nil)]
        ),
        // A failure while another charge of the round is in flight counts nothing yet.
        (
            suspended(recovering: true), .paymentFailed(invoiceID: "inv1", attempt: 5, at: jan1 + 20 * day),
            owed("inv1", "inv2", inFlight: true), suspended(recovering: true), []
        ),
        // One paid, the other failed (already recorded): the recovery has failed, still SUSPENDED.
        (
            suspended(recovering: true), .paymentSucceeded(invoiceID: "inv1"), owed("inv2"),
            suspended(lead: "inv2"), [.notifyRecoveryFailed(invoiceID: "inv2", nextRetryAt: nil)]
        ),
        // Duplicate or late failures after the recovery ended change nothing.
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .paymentFailed(invoiceID: "inv1", attempt: 2, at: jan1),
            owed("inv1"), pastDue(failed: 1, next: jan1 + 3 * day), []
        ),
        (
            suspended(), .paymentFailed(invoiceID: "inv1", attempt: 5, at: jan1 + 20 * day), owed("inv1"),
            suspended(), []
        ),
        // No retry starts while the recovery is in flight.
        (
            pastDue(failed: 1, next: nil, recovering: true), .retryDue(now: jan1 + 30 * day), owed("inv1"),
            pastDue(failed: 1, next: nil, recovering: true), []
        ),
    ]

    @Test(arguments: table.indices)
    func transition(index: Int) {
        let (state, event, unpaid, expected, actions) = Self.table[index]
        let result = SubscriptionTransition.apply(event, to: state, unpaid: unpaid)
        #expect(result.state == expected, "row \(index)")
        #expect(result.actions == actions, "row \(index)")
        #expect(result.refusal == nil)
    }

    /// An admin's immediate cancellation during a recovery whose charges are no longer in flight: the owed invoice
    /// is charged once more (a scheduled round's attempt), the recovery ended.
    @Test func cancelNowEndsTheRecovery() {
        let result = SubscriptionTransition.apply(
            .cancelNow(at: Self.jan1 + 10 * Self.day), to: Self.pastDue(failed: 1, next: nil, recovering: true))
        #expect(result.state.status == .canceled)
        #expect(result.state.dunning?.recovering == false)
        #expect(result.actions.contains(.retryCharge(invoiceID: "inv1", attempt: 2)))
    }
}

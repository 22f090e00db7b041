import Domain
import Testing

/// One dunning for all of a subscription's unpaid invoices: with the shell's facts (``UnpaidInvoices``) a retry
/// round ends with its last attempt, a newer invoice's failure joins the dunning, and the subscription is ACTIVE
/// again only when nothing is owed. Duplicate and out-of-order outcomes count once.
@Suite struct SubscriptionOpenInvoicesTransitionTests {
    typealias Row = (
        SubscriptionState, SubscriptionEvent, UnpaidInvoices, SubscriptionState, [SubscriptionTransition.Action]
    )
    static let jan1 = SubscriptionTransitionTests.jan1
    static let day = SubscriptionTransitionTests.day

    static func pastDue(failed: Int, next: Int64?, lead: String = "inv1") -> SubscriptionState {
        var state = SubscriptionTransitionTests.pastDue(failed: failed, next: next)
        state.dunning?.invoiceID = lead
        return state
    }

    static func owed(_ ids: String..., inFlight: Bool = false) -> UnpaidInvoices {
        UnpaidInvoices(ids: ids, paymentInFlight: inFlight)
    }

    static let table: [Row] = [
        // Waiting for a retry, the next period's invoice fails its first charge: the next retry collects it too.
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .paymentFailed(invoiceID: "inv2", attempt: 1, at: jan1 + day),
            owed("inv1", "inv2"), pastDue(failed: 1, next: jan1 + 3 * day),
            [.notifyPaymentFailed(invoiceID: "inv2", attempt: 1, nextRetryAt: jan1 + 3 * day)]
        ),
        // …but not an invoice that is no longer owed.
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .paymentFailed(invoiceID: "inv2", attempt: 1, at: jan1 + day),
            owed("inv1"), pastDue(failed: 1, next: jan1 + 3 * day), []
        ),
        // A round ends with its last attempt: while another is in flight, a failure counts nothing yet.
        (
            pastDue(failed: 1, next: nil), .paymentFailed(invoiceID: "inv1", attempt: 2, at: jan1 + 3 * day),
            owed("inv1", "inv2", inFlight: true), pastDue(failed: 1, next: nil), []
        ),
        (
            pastDue(failed: 1, next: nil), .paymentFailed(invoiceID: "inv2", attempt: 1, at: jan1 + 3 * day),
            owed("inv1", "inv2"), pastDue(failed: 2, next: jan1 + 7 * day),
            [.notifyPaymentFailed(invoiceID: "inv1", attempt: 2, nextRetryAt: jan1 + 7 * day)]
        ),
        // The leading invoice is paid while another is owed: the other leads on, still PAST_DUE…
        (
            pastDue(failed: 2, next: nil), .paymentSucceeded(invoiceID: "inv1"), owed("inv2", inFlight: true),
            pastDue(failed: 2, next: nil, lead: "inv2"), []
        ),
        // …and when the round's other attempt already failed, the round has failed.
        (
            pastDue(failed: 2, next: nil), .paymentSucceeded(invoiceID: "inv1"), owed("inv2"),
            pastDue(failed: 3, next: jan1 + 14 * day, lead: "inv2"),
            [.notifyPaymentFailed(invoiceID: "inv2", attempt: 3, nextRetryAt: jan1 + 14 * day)]
        ),
        // Its attempts are numbered per invoice: an owed invoice's failure counts although its number differs.
        (
            pastDue(failed: 2, next: nil, lead: "inv2"), .paymentFailed(invoiceID: "inv2", attempt: 2, at: jan1),
            owed("inv2"), pastDue(failed: 3, next: jan1 + 14 * day, lead: "inv2"),
            [.notifyPaymentFailed(invoiceID: "inv2", attempt: 3, nextRetryAt: jan1 + 14 * day)]
        ),
        // A duplicate after the round ended counts nothing.
        (
            pastDue(failed: 3, next: jan1 + 14 * day, lead: "inv2"),
            .paymentFailed(invoiceID: "inv2", attempt: 2, at: jan1), owed("inv2"),
            pastDue(failed: 3, next: jan1 + 14 * day, lead: "inv2"), []
        ),
        // The last round fails: suspended.
        (
            pastDue(failed: 3, next: nil), .paymentFailed(invoiceID: "inv2", attempt: 3, at: jan1 + 14 * day),
            owed("inv1", "inv2"),
            SubscriptionTransitionTests.with(pastDue(failed: 4, next: nil)) { $0.status = .suspended },
            [.notifySuspended(invoiceID: "inv1")]
        ),
        // Suspended: paying one of two leaves it suspended; paying the last makes it ACTIVE.
        (
            SubscriptionTransitionTests.suspended(), .paymentSucceeded(invoiceID: "inv1"), owed("inv2"),
            SubscriptionTransitionTests.with(pastDue(failed: 4, next: nil, lead: "inv2")) { $0.status = .suspended },
            []
        ),
        (
            SubscriptionTransitionTests.with(pastDue(failed: 4, next: nil, lead: "inv2")) { $0.status = .suspended },
            .paymentSucceeded(invoiceID: "inv2"), owed(), SubscriptionTransitionTests.active,
            [.notifyReactivated(invoiceID: "inv2")]
        ),
        // Waiting: a payment of the newer invoice changes nothing while the older one is owed.
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .paymentSucceeded(invoiceID: "inv2"), owed("inv1"),
            pastDue(failed: 1, next: jan1 + 3 * day), []
        ),
        // Ended: both owed, one paid; the dunning goes on for the other.
        (
            SubscriptionTransitionTests.canceled(failed: 2, next: jan1 + 7 * day), .invoiceSettled(invoiceID: "inv1"),
            owed("inv2"),
            SubscriptionTransitionTests.with(pastDue(failed: 2, next: jan1 + 7 * day, lead: "inv2")) {
                $0.status = .canceled
            },
            []
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
}

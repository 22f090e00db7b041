import Domain
import Testing

/// The subscription state machine, tested with tables and a fake clock (times are fixed Unix seconds).
@Suite struct SubscriptionTransitionTests {
    typealias Row = (SubscriptionState, SubscriptionEvent, SubscriptionState, [SubscriptionTransition.Action])

    /// 2026-01-01T00:00:00Z and the periods after it.
    static let jan1: Int64 = 1_767_225_600
    static let feb1: Int64 = 1_769_904_000
    static let mar1: Int64 = 1_772_323_200
    static let day: Int64 = 86_400

    static let incomplete = SubscriptionState(status: .incomplete, planID: "assistant_starter")
    static let active = SubscriptionState(
        status: .active, planID: "assistant_starter", periodStart: jan1, periodEnd: feb1)

    static func pastDue(failed: Int, next: Int64?) -> SubscriptionState {
        var state = active
        state.status = .pastDue
        state.dunning = Dunning(invoiceID: "inv1", firstFailureAt: jan1, failedAttempts: failed, nextRetryAt: next)
        return state
    }

    static func canceled(failed: Int, next: Int64?) -> SubscriptionState {
        var state = pastDue(failed: failed, next: next)
        state.status = .canceled
        return state
    }

    static func suspended() -> SubscriptionState {
        var state = pastDue(failed: 4, next: nil)
        state.status = .suspended
        return state
    }

    static func with(_ state: SubscriptionState, _ change: (inout SubscriptionState) -> Void) -> SubscriptionState {
        var copy = state
        change(&copy)
        return copy
    }

    static let table: [Row] = [
        // Start: the first period begins when the method is saved, and its invoice is issued and charged.
        (
            incomplete, .setupCompleted(at: jan1), active,
            [.invoicePeriod(start: jan1, end: feb1, planID: "assistant_starter")]
        ),
        (active, .setupCompleted(at: jan1 + 5), active, []),
        // Collection: success changes nothing while active; a first failure opens dunning (retry after 3 days).
        (active, .paymentSucceeded(invoiceID: "inv1"), active, []),
        (
            active, .paymentFailed(invoiceID: "inv1", attempt: 1, at: jan1), pastDue(failed: 1, next: jan1 + 3 * day),
            [.notifyPaymentFailed(invoiceID: "inv1", attempt: 1, nextRetryAt: jan1 + 3 * day)]
        ),
        // Retries are due after 3, 7 and 14 days, not before.
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .retryDue(now: jan1 + 3 * day - 1),
            pastDue(failed: 1, next: jan1 + 3 * day), []
        ),
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .retryDue(now: jan1 + 3 * day), pastDue(failed: 1, next: nil),
            [.retryCharge(invoiceID: "inv1", attempt: 2)]
        ),
        (pastDue(failed: 1, next: nil), .retryDue(now: jan1 + 4 * day), pastDue(failed: 1, next: nil), []),
        (
            pastDue(failed: 1, next: nil), .paymentFailed(invoiceID: "inv1", attempt: 2, at: jan1 + 3 * day),
            pastDue(failed: 2, next: jan1 + 7 * day),
            [.notifyPaymentFailed(invoiceID: "inv1", attempt: 2, nextRetryAt: jan1 + 7 * day)]
        ),
        (
            pastDue(failed: 2, next: nil), .paymentFailed(invoiceID: "inv1", attempt: 3, at: jan1 + 7 * day),
            pastDue(failed: 3, next: jan1 + 14 * day),
            [.notifyPaymentFailed(invoiceID: "inv1", attempt: 3, nextRetryAt: jan1 + 14 * day)]
        ),
        (
            pastDue(failed: 3, next: jan1 + 14 * day), .retryDue(now: jan1 + 15 * day), pastDue(failed: 3, next: nil),
            [.retryCharge(invoiceID: "inv1", attempt: 4)]
        ),
        // The last retry fails: suspended.
        (
            pastDue(failed: 3, next: nil), .paymentFailed(invoiceID: "inv1", attempt: 4, at: jan1 + 14 * day),
            suspended(), [.notifySuspended(invoiceID: "inv1")]
        ),
        // Duplicate, late and out-of-order failures count once.
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .paymentFailed(invoiceID: "inv1", attempt: 1, at: jan1 + 60),
            pastDue(failed: 1, next: jan1 + 3 * day), []
        ),
        (
            pastDue(failed: 2, next: nil), .paymentFailed(invoiceID: "inv1", attempt: 2, at: jan1 + 3 * day),
            pastDue(failed: 2, next: nil), []
        ),
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .paymentFailed(invoiceID: "inv1", attempt: 2, at: jan1),
            pastDue(failed: 1, next: jan1 + 3 * day), []
        ),
        (
            pastDue(failed: 1, next: nil), .paymentFailed(invoiceID: "other", attempt: 2, at: jan1),
            pastDue(failed: 1, next: nil), []
        ),
        (active, .paymentFailed(invoiceID: "inv1", attempt: 2, at: jan1), active, []),
        (suspended(), .paymentFailed(invoiceID: "inv1", attempt: 4, at: jan1 + 15 * day), suspended(), []),
        (suspended(), .retryDue(now: mar1), suspended(), []),
        // Money that arrives later counts: back to ACTIVE; a success for another invoice changes nothing.
        (
            pastDue(failed: 2, next: nil), .paymentSucceeded(invoiceID: "inv1"), active,
            [.notifyReactivated(invoiceID: "inv1")]
        ),
        (suspended(), .paymentSucceeded(invoiceID: "inv1"), active, [.notifyReactivated(invoiceID: "inv1")]),
        (suspended(), .paymentSucceeded(invoiceID: "other"), suspended(), []),
        (incomplete, .paymentFailed(invoiceID: "inv1", attempt: 1, at: jan1), incomplete, []),
        // Cancel at period end, then the period ends.
        (active, .cancelAtPeriodEnd, with(active) { $0.cancelAtPeriodEnd = true }, [.notifyCanceled(at: feb1)]),
        (
            with(active) { $0.cancelAtPeriodEnd = true }, .cancelAtPeriodEnd,
            with(active) { $0.cancelAtPeriodEnd = true }, []
        ),
        (
            with(active) { $0.cancelAtPeriodEnd = true }, .periodEnded(now: feb1 - 1),
            with(active) { $0.cancelAtPeriodEnd = true }, []
        ),
        (
            with(active) { $0.cancelAtPeriodEnd = true }, .periodEnded(now: feb1),
            with(active) { $0.status = .canceled },
            [.invoiceClosedPeriod(closed: BilledPeriod(start: jan1, end: feb1, planID: "assistant_starter"), next: nil)]
        ),
        (incomplete, .cancelAtPeriodEnd, with(incomplete) { $0.status = .canceled }, []),
        (
            with(pastDue(failed: 2, next: jan1 + 7 * day)) { $0.cancelAtPeriodEnd = true }, .periodEnded(now: feb1),
            canceled(failed: 2, next: jan1 + 7 * day),
            [.invoiceClosedPeriod(closed: BilledPeriod(start: jan1, end: feb1, planID: "assistant_starter"), next: nil)]
        ),
        // An admin cancels now: the unused part of the period is credited.
        (
            active, .cancelNow(at: jan1 + 10 * day), with(active) { $0.status = .canceled },
            [
                .creditUnusedPart(from: jan1 + 10 * day, periodStart: jan1, periodEnd: feb1),
                .notifyCanceled(at: jan1 + 10 * day),
            ]
        ),
        // Ended while its invoice is being collected: the dunning goes on, what is left is charged at once (the
        // next attempt), and the attempt's failure schedules the next retry (a mail each) without a suspension.
        (
            pastDue(failed: 1, next: jan1 + 3 * day), .cancelNow(at: jan1 + day),
            canceled(failed: 1, next: nil),
            [
                .creditUnusedPart(from: jan1 + day, periodStart: jan1, periodEnd: feb1),
                .notifyCanceled(at: jan1 + day), .retryCharge(invoiceID: "inv1", attempt: 2),
            ]
        ),
        (
            canceled(failed: 1, next: nil), .paymentFailed(invoiceID: "inv1", attempt: 2, at: jan1 + day),
            canceled(failed: 2, next: jan1 + 7 * day),
            [.notifyPaymentFailed(invoiceID: "inv1", attempt: 2, nextRetryAt: jan1 + 7 * day)]
        ),
        // A duplicate or late failure, or another invoice's, counts nothing.
        (
            canceled(failed: 2, next: jan1 + 7 * day), .paymentFailed(invoiceID: "inv1", attempt: 2, at: jan1 + day),
            canceled(failed: 2, next: jan1 + 7 * day), []
        ),
        (
            canceled(failed: 1, next: nil), .paymentFailed(invoiceID: "other", attempt: 2, at: jan1 + day),
            canceled(failed: 1, next: nil), []
        ),
        (
            canceled(failed: 2, next: jan1 + 7 * day), .retryDue(now: jan1 + 7 * day), canceled(failed: 2, next: nil),
            [.retryCharge(invoiceID: "inv1", attempt: 3)]
        ),
        (
            canceled(failed: 3, next: nil), .paymentFailed(invoiceID: "inv1", attempt: 4, at: jan1 + 14 * day),
            canceled(failed: 4, next: nil), [.notifyCollectionFailed(invoiceID: "inv1")]
        ),
        (canceled(failed: 4, next: nil), .retryDue(now: mar1), canceled(failed: 4, next: nil), []),
        (
            canceled(failed: 2, next: nil), .paymentSucceeded(invoiceID: "inv1"),
            with(active) { $0.status = .canceled },
            []
        ),
        (
            canceled(failed: 1, next: nil), .invoiceSettled(invoiceID: "inv1"), with(active) { $0.status = .canceled },
            []
        ),
        // Every retry used up (suspended): ended now, what is left is charged once more; its failure is the last.
        (
            suspended(), .cancelNow(at: feb1), canceled(failed: 4, next: nil),
            [.notifyCanceled(at: feb1), .retryCharge(invoiceID: "inv1", attempt: 5)]
        ),
        (
            canceled(failed: 4, next: nil), .paymentFailed(invoiceID: "inv1", attempt: 5, at: feb1),
            canceled(failed: 5, next: nil), [.notifyCollectionFailed(invoiceID: "inv1")]
        ),
        // An attempt in flight is not doubled (the shell refuses an immediate cancellation then anyway).
        (
            pastDue(failed: 1, next: nil), .cancelNow(at: feb1), canceled(failed: 1, next: nil),
            [.notifyCanceled(at: feb1)]
        ),
        // The final invoice of a subscription ended at its period end opens dunning with its first failure.
        (
            with(active) { $0.status = .canceled }, .paymentFailed(invoiceID: "inv1", attempt: 1, at: feb1),
            with(canceled(failed: 1, next: feb1 + 3 * day)) { $0.dunning?.firstFailureAt = feb1 },
            [.notifyPaymentFailed(invoiceID: "inv1", attempt: 1, nextRetryAt: feb1 + 3 * day)]
        ),
        (
            with(active) { $0.status = .canceled }, .paymentFailed(invoiceID: "inv1", attempt: 2, at: feb1),
            with(active) { $0.status = .canceled }, []
        ),
        // Plan changes wait for the next period.
        (
            active, .changePlan(planID: "assistant_business"), with(active) { $0.pendingPlanID = "assistant_business" },
            [.notifyPlanChanged(planID: "assistant_business", from: feb1)]
        ),
        (
            with(active) { $0.pendingPlanID = "assistant_business" }, .changePlan(planID: "assistant_starter"), active,
            [.notifyPlanChanged(planID: "assistant_starter", from: feb1)]
        ),
        (
            with(active) { $0.pendingPlanID = "assistant_business" }, .periodEnded(now: feb1 + 60),
            SubscriptionState(status: .active, planID: "assistant_business", periodStart: feb1, periodEnd: mar1),
            [
                .invoiceClosedPeriod(
                    closed: BilledPeriod(start: jan1, end: feb1, planID: "assistant_starter"),
                    next: BilledPeriod(start: feb1, end: mar1, planID: "assistant_business"))
            ]
        ),
        // A repeated period end finds the new period not ended yet.
        (
            SubscriptionState(status: .active, planID: "assistant_business", periodStart: feb1, periodEnd: mar1),
            .periodEnded(now: feb1 + 120),
            SubscriptionState(status: .active, planID: "assistant_business", periodStart: feb1, periodEnd: mar1), []
        ),
        (suspended(), .periodEnded(now: mar1), suspended(), []),
        (with(active) { $0.status = .canceled }, .periodEnded(now: mar1), with(active) { $0.status = .canceled }, []),
        (
            with(active) { $0.status = .canceled }, .paymentSucceeded(invoiceID: "inv1"),
            with(active) { $0.status = .canceled }, []
        ),
        (with(active) { $0.status = .canceled }, .setupCompleted(at: mar1), with(active) { $0.status = .canceled }, []),
    ]

    @Test(arguments: table)
    func transitions(row: Row) {
        let (from, event, to, actions) = row
        let result = SubscriptionTransition.apply(event, to: from)
        #expect(result.state == to)
        #expect(result.actions == actions)
        #expect(result.refusal == nil)
    }

    @Test(arguments: [
        (
            with(active) { $0.status = .canceled }, SubscriptionEvent.cancelAtPeriodEnd,
            SubscriptionTransition.Refusal.canceled
        ),
        (with(active) { $0.status = .canceled }, .cancelNow(at: jan1), .canceled),
        (with(active) { $0.status = .canceled }, .changePlan(planID: "assistant_business"), .canceled),
        (incomplete, .changePlan(planID: "assistant_business"), .notStarted),
        (active, .changePlan(planID: "assistant_starter"), .samePlan),
        (
            with(active) { $0.pendingPlanID = "assistant_business" }, .changePlan(planID: "assistant_business"),
            .samePlan
        ),
    ])
    func refusalsChangeNothing(
        state: SubscriptionState, event: SubscriptionEvent, refusal: SubscriptionTransition.Refusal
    ) {
        let result = SubscriptionTransition.apply(event, to: state)
        #expect(result.refusal == refusal)
        #expect(result.state == state && result.actions.isEmpty)
    }

    /// A whole dunning run driven by a fake clock: each event applied twice (a duplicate delivery) changes
    /// nothing the second time; mails go out once per failure, in order.
    @Test func aDunningRunWithDuplicatesSendsEachMailOnce() {
        var clock = Self.jan1
        var state = SubscriptionTransition.apply(.setupCompleted(at: clock), to: Self.incomplete).state
        var actions: [SubscriptionTransition.Action] = []
        func send(_ event: SubscriptionEvent) {
            for _ in 0..<2 {
                let result = SubscriptionTransition.apply(event, to: state)
                state = result.state
                actions += result.actions
            }
        }
        send(.paymentFailed(invoiceID: "inv1", attempt: 1, at: clock))
        for attempt in 2...4 {
            // The sweep runs every hour; only the due one starts a retry.
            while state.dunning?.nextRetryAt != nil {
                clock += 3600
                send(.retryDue(now: clock))
            }
            send(.paymentFailed(invoiceID: "inv1", attempt: attempt, at: clock))
        }
        #expect(state.status == .suspended)
        #expect(
            actions == [
                .notifyPaymentFailed(invoiceID: "inv1", attempt: 1, nextRetryAt: Self.jan1 + 3 * Self.day),
                .retryCharge(invoiceID: "inv1", attempt: 2),
                .notifyPaymentFailed(invoiceID: "inv1", attempt: 2, nextRetryAt: Self.jan1 + 7 * Self.day),
                .retryCharge(invoiceID: "inv1", attempt: 3),
                .notifyPaymentFailed(invoiceID: "inv1", attempt: 3, nextRetryAt: Self.jan1 + 14 * Self.day),
                .retryCharge(invoiceID: "inv1", attempt: 4),
                .notifySuspended(invoiceID: "inv1"),
            ])
        #expect(clock == Self.jan1 + 14 * Self.day)
        send(.paymentSucceeded(invoiceID: "inv1"))
        #expect(state.status == .active && state.dunning == nil)
    }

    @Test(arguments: [
        // (start, end) in UTC: same day next month, clamped to the month's end; leap years.
        (Int64(1_767_225_600), Int64(1_769_904_000)),  // 2026-01-01 → 2026-02-01
        (Int64(1_769_817_600), Int64(1_772_236_800)),  // 2026-01-31 → 2026-02-28
        (Int64(1_706_659_200), Int64(1_709_164_800)),  // 2024-01-31 → 2024-02-29
        (Int64(1_796_083_200 + 3_723), Int64(1_798_761_600 + 3_723)),  // 2026-12-01 01:02:03 → 2027-01-01 01:02:03
    ])
    func monthlyPeriods(start: Int64, end: Int64) {
        #expect(BillingPeriod.end(ofPeriodStartingAt: start) == end)
    }

    @Test(arguments: [
        // (net, from, start, end, credit): a 31-day period of 490 €, cancelled after 10 days → 21/31 back.
        (Int64(49_000), jan1 + 10 * day, jan1, feb1, Int64(33_194)),
        (Int64(49_000), jan1, jan1, feb1, Int64(49_000)),
        (Int64(49_000), feb1, jan1, feb1, Int64(0)),
        (Int64(49_000), jan1 - day, jan1, feb1, Int64(49_000)),
        (Int64(1), jan1 + 16 * day, jan1, feb1, Int64(0)),
        // The day the cancellation falls in is used in full: one second into day 11 → 20/31 back, one second into
        // the period → 30/31.
        (Int64(49_000), jan1 + 10 * day + 1, jan1, feb1, Int64(31_613)),
        (Int64(49_000), jan1 + 1, jan1, feb1, Int64(47_419)),
        (Int64(49_000), jan1 + 11 * day - 1, jan1, feb1, Int64(31_613)),
        // Exactly half a cent rounds up: day 2 of a 2-day period unused.
        (Int64(1), jan1 + 1, jan1, jan1 + 2 * day, Int64(1)),
    ])
    func unusedPartIsRoundedOnce(net: Int64, from: Int64, start: Int64, end: Int64, credit: Int64) throws {
        let euro = try Currency(code: "EUR")
        let result = UnusedPeriodCredit.net(
            of: Money(cents: Int(net), currency: euro), from: from, periodStart: start, periodEnd: end)
        #expect(result == Money(cents: Int(credit), currency: euro))
    }
}

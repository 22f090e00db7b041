import Domain
import Testing

@Suite struct PurchaseTransitionTests {
    typealias Row = (PurchaseStatus, PaymentSignal, PurchaseStatus, [PurchaseTransition.Action])

    static let paid = PaymentSignal.sessionCompleted(paymentStatus: "paid", amountTotal: 832, currency: "eur")
    static let unpaid = PaymentSignal.sessionCompleted(paymentStatus: "unpaid", amountTotal: 832, currency: "eur")
    static let asyncPaid = PaymentSignal.asyncPaymentSucceeded(amountTotal: 832, currency: "EUR")

    static let table: [Row] = [
        (.pending, paid, .paid, [.fulfil]),
        (.pending, unpaid, .pending, []),
        (.pending, asyncPaid, .paid, [.fulfil]),
        (.pending, .asyncPaymentFailed, .failed, []),
        (.pending, .sessionExpired, .failed, []),
        (.pending, .sessionOpen, .pending, []),
        (.pending, .refunded, .pending, []),
        // Duplicates and late events change nothing once paid.
        (.paid, paid, .paid, []),
        (.paid, asyncPaid, .paid, []),
        (.paid, unpaid, .paid, []),
        (.paid, .sessionExpired, .paid, []),
        (.paid, .asyncPaymentFailed, .paid, []),
        (.paid, .refunded, .refunded, [.revokeCredits]),
        // Verified money after a failure still counts (the buyer paid).
        (.failed, asyncPaid, .paid, [.fulfil]),
        (.failed, .sessionExpired, .failed, []),
        (.refunded, paid, .refunded, []),
        (.refunded, .refunded, .refunded, []),
    ]

    @Test(arguments: table)
    func transitions(row: Row) {
        let (from, signal, to, actions) = row
        let result = PurchaseTransition.apply(signal, to: from, amountCents: 832, currency: .eur)
        #expect(result.status == to)
        #expect(result.actions == actions)
    }

    @Test(arguments: [
        PaymentSignal.sessionCompleted(paymentStatus: "paid", amountTotal: 699, currency: "eur"),
        PaymentSignal.sessionCompleted(paymentStatus: "paid", amountTotal: 832, currency: "usd"),
        PaymentSignal.sessionCompleted(paymentStatus: "paid", amountTotal: nil, currency: "eur"),
        PaymentSignal.asyncPaymentSucceeded(amountTotal: 1, currency: "eur"),
    ])
    func aMismatchedAmountNeverFulfils(signal: PaymentSignal) {
        let result = PurchaseTransition.apply(signal, to: .pending, amountCents: 832, currency: .eur)
        #expect(result.status == .pending)
        guard case .reportAmountMismatch(let expected, _, _) = result.actions.first else {
            Issue.record("expected a mismatch report, got \(result.actions)")
            return
        }
        #expect(expected == 832)
    }

    /// Any sequence of signals, in any order and repeated, fulfils at most once.
    @Test func everyOrderOfSignalsFulfilsAtMostOnce() {
        let signals: [PaymentSignal] = [Self.paid, Self.unpaid, Self.asyncPaid, .sessionExpired, .asyncPaymentFailed]
        var sequences: [[PaymentSignal]] = [[]]
        for _ in 0..<4 {
            sequences = sequences.flatMap { prefix in signals.map { prefix + [$0] } }
        }
        for sequence in sequences {
            var status = PurchaseStatus.pending
            var fulfilments = 0
            for signal in sequence {
                let result = PurchaseTransition.apply(signal, to: status, amountCents: 832, currency: .eur)
                fulfilments += result.actions.filter { $0 == .fulfil }.count
                status = result.status
            }
            let anyPaid = sequence.contains(Self.paid) || sequence.contains(Self.asyncPaid)
            #expect(fulfilments == (anyPaid ? 1 : 0), "\(sequence)")
            #expect((status == .paid) == anyPaid, "\(sequence)")
        }
    }
}

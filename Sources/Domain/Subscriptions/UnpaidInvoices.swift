/// A subscription's invoices that are still owed, as the shell reads them under the subscription's row lock right
/// before an event is applied: OPEN invoices without a succeeded payment, oldest first, and whether a payment of
/// one of them is in flight.
///
/// One dunning collects them all: each retry charges every one of them, and the dunning ends (the subscription is
/// ACTIVE again) only when none is left. A retry round has failed once none of its attempts is in flight and one
/// of the invoices is still owed.
public struct UnpaidInvoices: Sendable, Hashable {
    /// Nothing owed, nothing in flight (what the pure state machine assumes without the shell's facts).
    public static let none = UnpaidInvoices(ids: [], paymentInFlight: false)

    /// The owed invoices, oldest first.
    public var ids: [String]
    /// Whether a payment of one of them is in flight (e.g. a SEPA debit `processing`).
    public var paymentInFlight: Bool

    /// The facts.
    public init(ids: [String], paymentInFlight: Bool) {
        self.ids = ids
        self.paymentInFlight = paymentInFlight
    }
}

/// Why an erasure was refused, as business facts; `ErasureRefusal+Problem.swift` gives the HTTP answer.
/// Nothing was erased in any case.
enum ErasureRefusal: Error, Equatable {
    /// Too many wrong passwords: retry after `seconds`.
    case throttled(retryAfter: Int)
    /// The re-authentication password is wrong.
    case wrongPassword
    /// No company with this id.
    case noSuchCompany
    /// The operator's own company (staff accounts are disabled by an admin instead).
    case operatorCompany
    /// The company was erased before.
    case alreadyErased
    /// Open invoices or active subscriptions must be settled first (their ids).
    case blocked(openInvoices: [String], activeSubscriptions: [String])
}

/// The collection of a subscription's unpaid invoices: the invoice leading it (the oldest one still owed), how many
/// rounds of attempts failed and when the next retry is due. Every retry round charges all invoices still owed
/// (``UnpaidInvoices``); the schedule is counted from the first failure.
public struct Dunning: Sendable, Hashable {
    /// Retries after the first failure, in days: after 3, 7 and 14 days (DESIGN §11).
    public static let retryDays: [Int64] = [3, 7, 14]

    /// The invoice leading the collection: the one whose failure opened it, then the oldest one still owed.
    public var invoiceID: String
    /// When the first attempt failed, Unix seconds (retries are counted from here).
    public var firstFailureAt: Int64
    /// Rounds of attempts that failed so far (1 after the first failure, at most 1 + ``retryDays``.count).
    public var failedAttempts: Int
    /// When the next retry is due, Unix seconds; `nil` once a retry is in flight or none is left.
    public var nextRetryAt: Int64?
    /// Whether the round in flight is a recovery: the charges made with a newly saved payment method, outside the
    /// schedule. Its failure counts no round — the schedule (``retryTime(firstFailureAt:failedAttempts:)``) goes on
    /// where it was, and a suspended subscription stays suspended.
    public var recovering: Bool

    /// A dunning state.
    public init(
        invoiceID: String, firstFailureAt: Int64, failedAttempts: Int, nextRetryAt: Int64?, recovering: Bool = false
    ) {
        self.invoiceID = invoiceID
        self.firstFailureAt = firstFailureAt
        self.failedAttempts = failedAttempts
        self.nextRetryAt = nextRetryAt
        self.recovering = recovering
    }

    /// The retry time after `failedAttempts` failures, or `nil` when every retry has been used.
    public static func retryTime(firstFailureAt: Int64, failedAttempts: Int) -> Int64? {
        guard failedAttempts >= 1, failedAttempts <= retryDays.count else { return nil }
        return firstFailureAt + retryDays[failedAttempts - 1] * 86_400
    }
}

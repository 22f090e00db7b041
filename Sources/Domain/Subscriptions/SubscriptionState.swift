/// What the subscription state machine knows about one subscription. Times are Unix seconds (UTC).
public struct SubscriptionState: Sendable, Hashable {
    /// The status.
    public var status: SubscriptionStatus
    /// The plan billed in the current period.
    public var planID: String
    /// The plan that applies from the next period (a change waits for the period end).
    public var pendingPlanID: String?
    /// Start of the current period (inclusive); 0 while incomplete.
    public var periodStart: Int64
    /// End of the current period (exclusive); 0 while incomplete.
    public var periodEnd: Int64
    /// Whether the subscription ends at ``periodEnd``.
    public var cancelAtPeriodEnd: Bool
    /// The invoice being collected after a failed payment, if any.
    public var dunning: Dunning?

    /// A state.
    public init(
        status: SubscriptionStatus, planID: String, pendingPlanID: String? = nil, periodStart: Int64 = 0,
        periodEnd: Int64 = 0, cancelAtPeriodEnd: Bool = false, dunning: Dunning? = nil
    ) {
        self.status = status
        self.planID = planID
        self.pendingPlanID = pendingPlanID
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
        self.dunning = dunning
    }
}

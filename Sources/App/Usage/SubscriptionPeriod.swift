import Domain

/// The plan and current period of a company's subscription, as usage and billing see it.
struct SubscriptionPeriod: Equatable {
    /// The subscription id.
    let subscriptionID: String
    /// The plan id.
    let planID: String
    /// The current period in usage days.
    let period: UsagePeriod
}

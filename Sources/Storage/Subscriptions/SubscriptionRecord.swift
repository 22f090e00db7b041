public import Domain

/// One row of `subscriptions` (migration 0065): the state machine's state plus who, what and how it is paid.
public struct SubscriptionRecord: Sendable, Hashable {
    /// A monthly add-on billed with the plan.
    public struct Addon: Sendable, Hashable {
        /// The catalog add-on id.
        public var id: String
        /// How many.
        public var quantity: Int

        /// An add-on line.
        public init(id: String, quantity: Int) {
            self.id = id
            self.quantity = quantity
        }
    }

    /// The id (uuid).
    public var id: String
    /// The company.
    public var companyID: String
    /// The user who started it.
    public var userID: String?
    /// `STRIPE` or `MOCK`.
    public var provider: String
    /// Monthly add-ons.
    public var addons: [Addon]
    /// The state machine's state (status, plan, period, dunning).
    public var state: SubscriptionState
    /// The saved payment method, once set up.
    public var paymentMethodID: String?
    /// The configurator order it was started from.
    public var orderID: String?
    /// When it was created, Unix seconds.
    public var createdAt: Int64
    /// When it ended, Unix seconds.
    public var canceledAt: Int64?
}

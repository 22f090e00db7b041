/// What ``SubscriptionStore/create(_:)`` stores: an INCOMPLETE subscription waiting for its setup Checkout.
public struct NewSubscription: Sendable, Hashable {
    /// The id (uuid), chosen by the caller so that the Checkout session can name it before the row exists.
    public var id: String
    /// The company.
    public var companyID: String
    /// The user starting it.
    public var userID: String?
    /// `STRIPE` or `MOCK`.
    public var provider: String
    /// The plan (a monthly package id).
    public var planID: String
    /// Monthly add-ons.
    public var addons: [SubscriptionRecord.Addon]
    /// The configurator order it comes from, if any.
    public var orderID: String?

    /// A new subscription.
    public init(
        id: String, companyID: String, userID: String?, provider: String, planID: String,
        addons: [SubscriptionRecord.Addon],
        orderID: String? = nil
    ) {
        self.id = id
        self.companyID = companyID
        self.userID = userID
        self.provider = provider
        self.planID = planID
        self.addons = addons
        self.orderID = orderID
    }
}

public import Domain

/// The addressee of a subscription notice, as ``SubscriptionStore/noticeRecipient(subscriptionID:planID:)`` reads
/// it.
public struct SubscriptionNoticeRecipient: Sendable, Hashable {
    /// The e-mail address of the user who subscribed.
    public var email: String
    /// The company's country code (ISO 3166-1 alpha-2).
    public var country: String
    /// The plan's name.
    public var planName: LocalizedText

    /// A recipient.
    public init(email: String, country: String, planName: LocalizedText) {
        self.email = email
        self.country = country
        self.planName = planName
    }
}

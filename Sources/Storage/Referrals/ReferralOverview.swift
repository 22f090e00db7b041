public import Domain
public import Foundation

/// A company's referral page: its code, the companies it referred, and the credits referrals brought it.
public struct ReferralOverview: Sendable {
    /// Where a referral stands.
    public enum Status: String, Sendable {
        /// Registered with the code; no qualifying invoice paid yet.
        case registered
        /// Its first invoice of at least 100 € net was paid: both companies were credited.
        case rewarded
        /// The rewarded invoice was refunded within 14 days: the credits were taken back.
        case reversed
        /// No reward (the two companies share a VAT ID).
        case ineligible
    }

    /// A referred company; its name only once it has paid (before that it is only "a company registered").
    public struct Referred: Sendable {
        /// The company's name, once rewarded.
        public var companyName: String?
        /// When it registered.
        public var registeredAt: Date
        /// Where it stands.
        public var status: Status
    }

    /// One ledger entry of a referral for this company.
    public struct Reward: Sendable {
        /// Credits (negative for a reversal).
        public var credits: Int
        /// A reversal of an earlier reward.
        public var reversal: Bool
        /// Earned as the referrer (else as the referred company).
        public var asReferrer: Bool
        /// The invoice (or correction) number that caused it.
        public var invoiceNumber: String?
        /// When.
        public var at: Date
    }

    /// The company's own code.
    public var code: ReferralCode?
    /// The companies it referred, oldest first.
    public var referred: [Referred]
    /// Its referral ledger entries, oldest first.
    public var rewards: [Reward]
    /// The credits a reward grants now (``ReferralStore/settings()``).
    public var settings: ReferralSettings

    /// Net credits from referrals.
    public var creditsEarned: Int { rewards.reduce(0) { $0 + $1.credits } }
}

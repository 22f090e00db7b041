/// The credits one reward grants: to the company that referred, and to the company referred.
public struct ReferralSettings: Sendable, Hashable {
    /// Credits for the referrer (0…1000).
    public var referrerCredits: Int
    /// Credits for the referred company (0…1000).
    public var referredCredits: Int

    /// The allowed range of either amount (the table's CHECK says the same).
    public static let allowed = 0...1000

    /// Settings.
    public init(referrerCredits: Int, referredCredits: Int) {
        self.referrerCredits = referrerCredits
        self.referredCredits = referredCredits
    }
}

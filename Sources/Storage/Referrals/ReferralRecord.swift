public import Foundation

/// One referral as staff see it.
public struct ReferralRecord: Sendable {
    /// The referral's id.
    public var id: String
    /// The code used.
    public var code: String
    /// The referring company.
    public var referrerCompanyID: String
    /// Its name.
    public var referrerName: String
    /// The referred company.
    public var referredCompanyID: String
    /// Its name.
    public var referredName: String
    /// When the referred company registered.
    public var registeredAt: Date
    /// Where it stands.
    public var status: ReferralOverview.Status
    /// Net credits booked for this referral (both companies).
    public var creditsGranted: Int
}

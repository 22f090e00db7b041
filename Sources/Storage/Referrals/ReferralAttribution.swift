/// What became of a referral code given at registration.
public enum ReferralAttribution: String, Sendable, Hashable {
    /// The new company is attributed to the code's owner.
    case attributed
    /// No company has this code.
    case unknownCode = "unknown_code"
    /// The company's own code.
    case ownCode = "own_code"
    /// The code's owner has the same VAT ID (no self-referral).
    case sameVATID = "same_vat_id"
}

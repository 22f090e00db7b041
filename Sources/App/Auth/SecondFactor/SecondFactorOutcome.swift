/// What giving a second-factor code came to.
enum SecondFactorOutcome: Equatable {
    /// The session is verified; at the first confirmation, the recovery codes to show once.
    case verified(recoveryCodes: [String])
    /// The code is wrong, expired or was used before (a replay); recorded for the throttle.
    case wrongCode
    /// Too many wrong codes recently; nothing was checked.
    case throttled
    /// There is no enrolment to check against (or, when confirming, none waiting).
    case notEnrolled
    /// Confirming, but the enrolment was confirmed before.
    case alreadyEnrolled
}

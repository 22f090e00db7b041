/// Why a second-factor step was refused (``EnrolSecondFactor``, ``VerifySecondFactor``, staff access).
enum SecondFactorRefusal: Error, Equatable {
    /// A staff capability needs a session verified with a second factor (or a token created by one).
    case required
    /// The code is wrong, expired or was used before (a replay); recorded for the throttle.
    case wrongCode
    /// Too many wrong codes recently; nothing was checked.
    case throttled
    /// There is no enrolment to check against (or, when confirming, none waiting).
    case notEnrolled
    /// A confirmed enrolment exists: it cannot be replaced, nor confirmed again.
    case alreadyEnrolled
}

import Domain
import Storage

/// What a support use case did (``OpenSupportRequest``, ``AddSupportMessage``, ``CloseSupportRequest``).
enum SupportOutcome: Sendable {
    /// Done; the request as it is now.
    case done(SupportRequestRecord)
    /// No such request (of the caller's company).
    case notFound
    /// The request is closed (staff cannot answer or close it again).
    case closed
    /// The order or invoice named is not the company's.
    case unknownReference
}

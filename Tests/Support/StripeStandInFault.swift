/// A failure the Stripe stand-in produces instead of (or before) answering a request.
public enum StripeStandInFault: Sendable, Equatable {
    /// Answer with this status and a Stripe `api_error` body, optionally with `Stripe-Should-Retry`.
    /// Nothing is executed or stored, as when Stripe fails before the endpoint runs.
    case status(Int, shouldRetry: Bool? = nil)
    /// Wait this many seconds, then handle the request normally (a slow or hanging Stripe).
    case hang(seconds: Double)
    /// Close the connection without answering.
    case closeConnection
}

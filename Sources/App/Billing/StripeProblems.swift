import Logging
import Stripe
import Web

/// Stripe failures → HTTP problems, in one place: an outage or an open circuit is a quick 503 with
/// `Retry-After`, a refused request a 502 (our request was wrong: logged, never shown).
enum StripeProblems {
    static func problem(for error: StripeError, context: RequestContext) -> Problem {
        if error.isOutage || error == .timeout {
            context.logger.error("payment provider unavailable", metadata: ["stripe.error": "\(error)"])
            return .serviceUnavailable(
                retryAfter: 30, detail: "The payment provider is not reachable at the moment. Please try again shortly."
            )
        }
        context.logger.error("payment provider refused the request", metadata: ["stripe.error": "\(error)"])
        return Problem(status: .badGateway, detail: "The payment provider refused the request.")
    }
}

import Logging
public import Stripe
public import Web

/// Stripe failures → problems: an outage or an open circuit is a quick 503 with `Retry-After`, anything
/// else a 502 (our request was wrong). Both are server errors, so ``ErrorResponses`` logs the cause; the
/// answer never shows it.
extension StripeError: ProblemConvertible {
    /// 503 (retry in 30 s) for an outage or a timeout, 502 otherwise.
    public var problem: Problem {
        if isOutage || self == .timeout {
            return .serviceUnavailable(
                retryAfter: 30, detail: "The payment provider is not reachable at the moment. Please try again shortly."
            )
        }
        return Problem(status: .badGateway, detail: "The payment provider refused the request.")
    }
}

extension StripeError: LoggedFailure {
    /// "payment provider unavailable" for an outage, "payment provider refused the request" otherwise.
    func log(to logger: Logger) {
        if isOutage || self == .timeout {
            logger.error("payment provider unavailable", metadata: ["stripe.error": "\(self)"])
        } else {
            logger.error("payment provider refused the request", metadata: ["stripe.error": "\(self)"])
        }
    }
}

import Signing

extension SimulatedGateway {
    /// A refund that succeeds at once; its id is derived from the idempotency key, as a retried call with the
    /// same key gets the same refund from Stripe.
    public func createRefund(_ request: RefundRequest, idempotencyKey: IdempotencyKey) throws(StripeError) -> Refund {
        Refund(
            id: "re_sim_" + String(Hex.encode(SHA256.hash(idempotencyKey.value)).prefix(24)), status: "succeeded",
            amount: request.amount ?? 0, currency: "eur", paymentIntentID: request.paymentIntent,
            reason: request.reason?.rawValue, metadata: request.metadata)
    }
}

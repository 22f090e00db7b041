public import Web

/// The parameters of `POST /v1/refunds`: all or part of a PaymentIntent's amount back to the buyer.
public struct RefundRequest: Sendable, Equatable {
    /// Stripe's `reason` values.
    public enum Reason: String, Sendable, Equatable {
        /// The buyer paid twice.
        case duplicate
        /// A fraudulent payment.
        case fraudulent
        /// The buyer asked for it.
        case requestedByCustomer = "requested_by_customer"
    }

    /// `payment_intent` (`pi_…`).
    public var paymentIntent: String
    /// `amount` in minor units; nil refunds what is left of the payment.
    public var amount: Int64?
    /// `reason`.
    public var reason: Reason?
    /// `metadata` (sorted by key on the wire).
    public var metadata: [String: String]

    /// A request.
    public init(paymentIntent: String, amount: Int64? = nil, reason: Reason? = nil, metadata: [String: String] = [:]) {
        self.paymentIntent = paymentIntent
        self.amount = amount
        self.reason = reason
        self.metadata = metadata
    }

    /// The nested parameters; absent values are `null` (omitted on the wire).
    public var parameters: JSONObject {
        [
            "payment_intent": .string(paymentIntent), "amount": amount.map { .int($0) } ?? .null,
            "reason": reason.map { .string($0.rawValue) } ?? .null, "metadata": StripeMetadata.json(metadata),
        ]
    }

    /// The `application/x-www-form-urlencoded` body.
    public var formBody: String { FormEncoder.encode(parameters) }
}

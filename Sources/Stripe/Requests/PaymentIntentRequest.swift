public import Web

/// The parameters of `POST /v1/payment_intents` for charging an invoice off-session with the payment method
/// the customer saved in a setup-mode Checkout: `off_session=true` and `confirm=true`, so the charge is
/// attempted at once, without the customer present.
public struct PaymentIntentRequest: Sendable, Equatable {
    /// `amount` in minor units (the invoice's gross).
    public var amount: Int64
    /// `currency`, lowercase ISO code.
    public var currency: String
    /// `customer`: the company's Stripe Customer (`cus_…`).
    public var customer: String
    /// `payment_method`: the saved method (`pm_…`).
    public var paymentMethod: String
    /// `description`, e.g. the invoice number.
    public var description: String?
    /// `metadata` (sorted by key on the wire).
    public var metadata: [String: String]

    /// A request.
    public init(
        amount: Int64, currency: String, customer: String, paymentMethod: String, description: String? = nil,
        metadata: [String: String] = [:]
    ) {
        self.amount = amount
        self.currency = currency
        self.customer = customer
        self.paymentMethod = paymentMethod
        self.description = description
        self.metadata = metadata
    }

    /// The nested parameters, in a stable order; absent values are `null` (omitted on the wire).
    public var parameters: JSONObject {
        [
            "amount": .int(amount), "currency": .string(currency), "customer": .string(customer),
            "payment_method": .string(paymentMethod), "off_session": .bool(true), "confirm": .bool(true),
            "description": JSON(description), "metadata": StripeMetadata.json(metadata),
        ]
    }

    /// The `application/x-www-form-urlencoded` body.
    public var formBody: String { FormEncoder.encode(parameters) }
}

public import Web

/// The fields of a Stripe Checkout Session (`object: "checkout.session"`) that Code Zero uses.
///
/// Built from untrusted JSON (an API response or a webhook's `data.object`): a missing or ill-typed field
/// throws ``StripeError/invalidPayload(_:)`` naming the field. Fields Stripe documents as nullable are
/// optionals; unknown extra fields are ignored.
public struct CheckoutSession: Sendable, Equatable {
    /// `status`.
    public enum Status: String, Sendable, Equatable, CaseIterable {
        /// The customer has not finished yet.
        case open
        /// Checkout finished (payment may still be pending: see ``PaymentStatus``).
        case complete
        /// Expired or expired early through `/expire`.
        case expired
    }

    /// `payment_status`.
    public enum PaymentStatus: String, Sendable, Equatable, CaseIterable {
        /// The money arrived.
        case paid
        /// Not paid (yet): open, expired, or a delayed payment method in flight.
        case unpaid
        /// Nothing to pay (for example a 100 % discount).
        case noPaymentRequired = "no_payment_required"
    }

    /// `cs_test_…` / `cs_live_…`.
    public var id: String
    /// `status`.
    public var status: Status
    /// `payment_status`.
    public var paymentStatus: PaymentStatus
    /// `mode`.
    public var mode: CheckoutMode
    /// Our own reference (the row id we sent), if any.
    public var clientReferenceID: String?
    /// Total in minor units, once known.
    public var amountTotal: Int64?
    /// Subtotal before discounts and taxes, in minor units, once known.
    public var amountSubtotal: Int64?
    /// Lowercase ISO currency, once known.
    public var currency: String?
    /// `customer_details.email`, once the customer entered it.
    public var customerEmail: String?
    /// `metadata` as sent.
    public var metadata: [String: String]
    /// The hosted payment page while open (opaque: redirect to it, never parse it).
    public var url: String?
    /// When the session expires, Unix seconds.
    public var expiresAt: Int64
    /// When the session was created, Unix seconds.
    public var created: Int64?
    /// `payment_intent` id in payment mode, once created.
    public var paymentIntentID: String?
    /// Live or test mode.
    public var livemode: Bool
    /// `customer` id, when the session was created for (or created) a Customer.
    public var customerID: String?
    /// `setup_intent` id in setup mode, once created.
    public var setupIntentID: String?

    /// A session from its parts (used by ``SimulatedGateway`` and tests).
    public init(
        id: String, status: Status, paymentStatus: PaymentStatus, mode: CheckoutMode = .payment,
        clientReferenceID: String? = nil, amountTotal: Int64? = nil, amountSubtotal: Int64? = nil,
        currency: String? = nil, customerEmail: String? = nil, metadata: [String: String] = [:], url: String? = nil,
        expiresAt: Int64, created: Int64? = nil, paymentIntentID: String? = nil, livemode: Bool = false,
        customerID: String? = nil, setupIntentID: String? = nil
    ) {
        self.id = id
        self.status = status
        self.paymentStatus = paymentStatus
        self.mode = mode
        self.clientReferenceID = clientReferenceID
        self.amountTotal = amountTotal
        self.amountSubtotal = amountSubtotal
        self.currency = currency
        self.customerEmail = customerEmail
        self.metadata = metadata
        self.url = url
        self.expiresAt = expiresAt
        self.created = created
        self.paymentIntentID = paymentIntentID
        self.livemode = livemode
        self.customerID = customerID
        self.setupIntentID = setupIntentID
    }

    /// Decodes a session object; `path` names it in errors (e.g. `data.object`).
    public init(json: JSON, path: String = "checkout.session") throws(StripeError) {
        let reader = try PayloadReader(json, path: path)
        let object = try reader.string("object")
        guard object == "checkout.session" else {
            throw .invalidPayload("\(path).object is \(object), not checkout.session")
        }
        id = try reader.string("id")
        guard id.hasPrefix("cs_") else { throw .invalidPayload("\(path).id is not a checkout session id") }
        status = try reader.enumeration("status", as: Status.self)
        paymentStatus = try reader.enumeration("payment_status", as: PaymentStatus.self)
        mode = try reader.enumeration("mode", as: CheckoutMode.self)
        clientReferenceID = try reader.optionalString("client_reference_id")
        amountTotal = try reader.optionalInt("amount_total")
        amountSubtotal = try reader.optionalInt("amount_subtotal")
        currency = try reader.optionalString("currency")
        customerEmail = try reader.optionalObject("customer_details")?.optionalString("email")
        metadata = try reader.stringMap("metadata")
        url = try reader.optionalString("url")
        expiresAt = try reader.int("expires_at")
        created = try reader.optionalInt("created")
        paymentIntentID = try Self.expandableID(reader, "payment_intent")
        livemode = try reader.bool("livemode")
        customerID = try reader.expandableID("customer")
        setupIntentID = try reader.expandableID("setup_intent")
    }

    /// Decodes a session from a JSON body (an API response).
    public static func decode(_ body: [UInt8]) throws(StripeError) -> CheckoutSession {
        let json: JSON
        do { json = try JSON.parse(body) } catch { throw .invalidPayload("response is not JSON") }
        return try CheckoutSession(json: json)
    }

    /// Whether the buyer's money is in (or nothing was due): the only states that allow fulfilment.
    public var isPaid: Bool { paymentStatus == .paid || paymentStatus == .noPaymentRequired }

    /// An id field that may be a string, an expanded object with an `id`, or null.
    private static func expandableID(_ reader: PayloadReader, _ key: String) throws(StripeError) -> String? {
        if let expanded = try? reader.optionalObject(key) { return try expanded.string("id") }
        return try reader.optionalString(key)
    }
}

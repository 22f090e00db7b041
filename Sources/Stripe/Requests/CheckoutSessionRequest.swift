public import Web

/// The parameters of `POST /v1/checkout/sessions` that Code Zero sends, under the pinned API version.
///
/// ``parameters`` renders them in the order the official library sends them; ``formBody`` is the wire
/// body. Metadata keys are sorted so that the same request always yields the same bytes (Stripe compares
/// bodies of retries that share an `Idempotency-Key`). Only real parameter names of
/// `2026-10-28.endive` are produced (`allowed_payment_method_types`, not the older `payment_method_types`).
public struct CheckoutSessionRequest: Sendable, Equatable {
    /// The checkout page language.
    public enum Locale: String, Sendable, Equatable, CaseIterable {
        /// German.
        case de
        /// English.
        case en
        /// The browser's language.
        case auto
    }

    /// Whether `unit_amount` includes tax.
    public enum TaxBehavior: String, Sendable, Equatable, CaseIterable {
        /// The price is net; tax is added.
        case exclusive
        /// The price includes tax.
        case inclusive
        /// Not specified.
        case unspecified
    }

    /// One `line_items[]` entry with inline `price_data`.
    public struct LineItem: Sendable, Equatable {
        /// `price_data[product_data][name]`.
        public var name: String
        /// `price_data[product_data][description]`.
        public var description: String?
        /// `price_data[currency]`, lowercase ISO code.
        public var currency: String
        /// `price_data[unit_amount]` in minor units.
        public var unitAmount: Int64
        /// `quantity`.
        public var quantity: Int
        /// `price_data[tax_behavior]`.
        public var taxBehavior: TaxBehavior?

        /// A line item.
        public init(
            name: String, description: String? = nil, currency: String = "eur", unitAmount: Int64, quantity: Int = 1,
            taxBehavior: TaxBehavior? = nil
        ) {
            self.name = name
            self.description = description
            self.currency = currency
            self.unitAmount = unitAmount
            self.quantity = quantity
            self.taxBehavior = taxBehavior
        }
    }

    /// `mode`.
    public var mode: CheckoutMode
    /// `line_items`.
    public var lineItems: [LineItem]
    /// `client_reference_id`: our row id, to reconcile with.
    public var clientReferenceID: String?
    /// `metadata` (sorted by key on the wire).
    public var metadata: [String: String]
    /// `customer_email`, to prefill.
    public var customerEmail: String?
    /// `success_url`; may contain the literal `{CHECKOUT_SESSION_ID}` placeholder.
    public var successURL: String
    /// `cancel_url`.
    public var cancelURL: String
    /// `locale`.
    public var locale: Locale?
    /// `automatic_tax[enabled]` (Stripe Tax).
    public var automaticTax: Bool?
    /// `tax_id_collection[enabled]`: let the buyer enter a VAT ID.
    public var taxIDCollection: Bool?
    /// `invoice_creation[enabled]`: a post-purchase invoice (payment mode only).
    public var invoiceCreation: Bool?
    /// `expires_at`, Unix seconds (30 min to 24 h after creation).
    public var expiresAt: Int64?
    /// `allowed_payment_method_types[]` (e.g. `card`, `sepa_debit`); `nil` lets Stripe choose.
    public var allowedPaymentMethodTypes: [String]?
    /// `customer`: an existing Stripe Customer (`cus_…`) the session belongs to (setup mode saves the method
    /// for it).
    public var customer: String?
    /// `currency`, lowercase ISO code: required in setup mode (it decides which methods are offered).
    public var currency: String?
    /// `setup_intent_data[metadata]` in setup mode (sorted by key on the wire).
    public var setupIntentMetadata: [String: String]

    /// A request; every optional parameter defaults to absent.
    public init(
        mode: CheckoutMode = .payment, lineItems: [LineItem], clientReferenceID: String? = nil,
        metadata: [String: String] = [:], customerEmail: String? = nil, successURL: String, cancelURL: String,
        locale: Locale? = nil, automaticTax: Bool? = nil, taxIDCollection: Bool? = nil, invoiceCreation: Bool? = nil,
        expiresAt: Int64? = nil, allowedPaymentMethodTypes: [String]? = nil, customer: String? = nil,
        currency: String? = nil, setupIntentMetadata: [String: String] = [:]
    ) {
        self.mode = mode
        self.lineItems = lineItems
        self.clientReferenceID = clientReferenceID
        self.metadata = metadata
        self.customerEmail = customerEmail
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.locale = locale
        self.automaticTax = automaticTax
        self.taxIDCollection = taxIDCollection
        self.invoiceCreation = invoiceCreation
        self.expiresAt = expiresAt
        self.allowedPaymentMethodTypes = allowedPaymentMethodTypes
        self.customer = customer
        self.currency = currency
        self.setupIntentMetadata = setupIntentMetadata
    }

    /// The nested parameters, in stripe-python's order; absent values are `null` (omitted on the wire).
    public var parameters: JSONObject {
        let items: [JSON] = lineItems.map { item in
            let product: JSONObject = ["name": .string(item.name), "description": JSON(item.description)]
            let price: JSONObject = [
                "currency": .string(item.currency), "unit_amount": .int(item.unitAmount),
                "product_data": .object(product), "tax_behavior": JSON(item.taxBehavior?.rawValue),
            ]
            return ["price_data": .object(price), "quantity": JSON(item.quantity)]
        }
        let sortedMetadata = JSONObject(
            metadata.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })
        let flag: (Bool?) -> JSON = { enabled in enabled.map { ["enabled": .bool($0)] } ?? .null }
        return [
            "mode": .string(mode.rawValue),
            "line_items": .array(items),
            "client_reference_id": JSON(clientReferenceID),
            "metadata": sortedMetadata.isEmpty ? .null : .object(sortedMetadata),
            "customer_email": JSON(customerEmail),
            "success_url": .string(successURL),
            "cancel_url": .string(cancelURL),
            "locale": JSON(locale?.rawValue),
            "automatic_tax": flag(automaticTax),
            "tax_id_collection": flag(taxIDCollection),
            "invoice_creation": flag(invoiceCreation),
            "expires_at": expiresAt.map { JSON.int($0) } ?? .null,
            "allowed_payment_method_types": allowedPaymentMethodTypes.map { .array($0.map(JSON.string)) } ?? .null,
            "customer": JSON(customer),
            "currency": JSON(currency),
            "setup_intent_data": setupIntentMetadata.isEmpty
                ? .null : ["metadata": StripeMetadata.json(setupIntentMetadata)],
        ]
    }

    /// The decoded form pairs.
    public var formFields: FormData { FormEncoder.fields(parameters) }

    /// The `application/x-www-form-urlencoded` body.
    public var formBody: String { FormEncoder.encode(parameters) }
}

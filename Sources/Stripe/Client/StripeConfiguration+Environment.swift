import Logging

extension StripeConfiguration {
    /// The configuration from `STRIPE_SECRET_KEY` and `STRIPE_API_BASE`, or `nil` in mock mode (no key,
    /// or an empty one). Not validated yet: see ``validate()``.
    public init?(environment: [String: String]) {
        guard let key = environment["STRIPE_SECRET_KEY"], !key.isEmpty else { return nil }
        let base = environment["STRIPE_API_BASE"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultAPIBase
        self.init(secretKey: key, apiBase: base)
    }

    /// The gateway the environment asks for: ``StripeAPIClient`` with a key, ``SimulatedGateway`` without.
    ///
    /// - Throws: ``StripeError/invalidConfiguration(_:)`` naming the key at fault.
    public static func gateway(environment: [String: String], logger: Logger) throws(StripeError) -> any PaymentGateway
    {
        guard let configuration = StripeConfiguration(environment: environment) else { return SimulatedGateway() }
        return try StripeAPIClient(configuration: configuration, logger: logger)
    }
}

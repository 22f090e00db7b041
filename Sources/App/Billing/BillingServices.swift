import Domain
import Logging
import Stripe

/// The worker's payment gateway: Stripe's API with a key, the simulated gateway without one (mock mode).
/// Created on first use, so a worker that never takes a payment never initialises libcurl.
final class BillingServices {
    let configuration: Configuration
    let logger: Logger
    private var cachedGateway: (any PaymentGateway)?

    init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Whether sessions are simulated (no `STRIPE_SECRET_KEY`).
    var isMockMode: Bool { configuration.isStripeMockMode }

    /// Who collects payments: mock mode or Stripe.
    var provider: PaymentProvider { isMockMode ? .mock : .stripe }

    /// The gateway.
    func gateway() throws(StripeError) -> any PaymentGateway {
        if let cachedGateway { return cachedGateway }
        let made: any PaymentGateway
        if let key = configuration.stripeSecretKey {
            made = try StripeAPIClient(
                configuration: StripeConfiguration(secretKey: key, apiBase: configuration.stripeAPIBase), logger: logger
            )
        } else {
            made = SimulatedGateway()
        }
        cachedGateway = made
        return made
    }
}

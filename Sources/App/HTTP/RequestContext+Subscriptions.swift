import Domain
import Stripe

extension RequestContext {
    /// ``StartSubscription`` on the worker's connection and gateway.
    var subscriptionStarter: StartSubscription {
        let billing = services.billing
        return StartSubscription(
            connection: services.database, gateway: { () throws(StripeError) in try billing.gateway() },
            provider: billing.provider.rawValue, publicURL: services.configuration.publicURL, logger: logger)
    }

    /// The subscription state machine's shell for this request (the catalog as cached by the worker).
    func subscriptionShell() throws -> ApplySubscriptionEvent {
        let billing = services.billing
        return SubscriptionServices.shell(
            configuration: services.configuration, gateway: { () throws(StripeError) in try billing.gateway() },
            catalog: try services.catalog.current(), logger: logger)
    }
}

import Domain
import Logging
import Postgres
import Storage
import Stripe

/// Builds the subscription use cases with their dependencies, for a request (worker) or for the jobs process.
enum SubscriptionServices {
    /// ``StartSubscription`` on the worker's connection and gateway.
    static func starter(_ context: RequestContext) -> StartSubscription {
        let billing = context.services.billing
        return StartSubscription(
            connection: context.services.database, gateway: { () throws(StripeError) in try billing.gateway() },
            provider: billing.provider.rawValue, publicURL: context.services.configuration.publicURL,
            logger: context.logger)
    }

    /// The state machine's shell for a request.
    static func shell(_ context: RequestContext) throws -> ApplySubscriptionEvent {
        let billing = context.services.billing
        return shell(
            configuration: context.services.configuration, gateway: { () throws(StripeError) in try billing.gateway() },
            catalog: try context.services.catalog.current(), logger: context.logger)
    }

    /// The state machine's shell with explicit dependencies (jobs process, billing run, tests).
    static func shell(
        configuration: Configuration, gateway: @escaping () throws(StripeError) -> any PaymentGateway, catalog: Catalog,
        logger: Logger
    ) -> ApplySubscriptionEvent {
        ApplySubscriptionEvent(
            gateway: gateway,
            invoices: IssueSubscriptionInvoice(
                issuer: IssueInvoice(seller: configuration.seller, logger: logger), catalog: catalog),
            logger: logger, publicURL: configuration.publicURL)
    }

    /// The shell for the jobs process: the catalog read from the database now.
    static func shell(
        configuration: Configuration, gateway: @escaping () throws(StripeError) -> any PaymentGateway,
        connection: PostgresConnection, logger: Logger
    ) throws -> ApplySubscriptionEvent {
        shell(
            configuration: configuration, gateway: gateway,
            catalog: try CatalogStore(connection: connection).load().catalog,
            logger: logger)
    }
}

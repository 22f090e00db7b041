import Domain
import Logging
import Postgres
import Storage
import Stripe

/// Builds the subscription use cases with their dependencies, for the jobs process and the billing run (a
/// request builds them in `RequestContext+Subscriptions.swift`).
enum SubscriptionServices {
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

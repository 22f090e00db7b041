import Storage

extension RequestContext {
    /// The checkout use cases' dependencies for this request.
    var checkout: CheckoutDependencies {
        CheckoutDependencies(
            database: services.database, accounts: services.accounts.accounts, billing: services.billing,
            publicURL: services.configuration.publicURL, seller: services.configuration.seller, logger: logger)
    }
}

/// Every route of the application, feature by feature. Each feature registers its routes in its own
/// `*Routes.swift` file; this is the one list of features.
enum Routes {
    /// The full table for `configuration`.
    static func table(configuration: Configuration) -> RouteTable {
        var table = RouteTable()
        HealthRoutes.register(in: &table)
        PoolRoutes.register(in: &table)
        TestRoutes.register(in: &table, configuration: configuration)
        SiteRoutes.register(in: &table)
        PortalAuthRoutes.register(in: &table)
        PortalRoutes.register(in: &table)
        CheckoutPageRoutes.register(in: &table)
        AuthRoutes.register(in: &table)
        AccountMailRoutes.register(in: &table)
        AccountMailPageRoutes.register(in: &table)
        AccountRoutes.register(in: &table)
        AdminRoutes.register(in: &table)
        BillingRoutes.register(in: &table)
        CatalogRoutes.register(in: &table)
        OrderRoutes.register(in: &table)
        SubscriptionRoutes.register(in: &table)
        SubscriptionPortalRoutes.register(in: &table)
        InvoiceRoutes.register(in: &table)
        BillingProfileRoutes.register(in: &table)
        InvoiceRefundRoutes.register(in: &table)
        ReferralRoutes.register(in: &table)
        InvoicePortalRoutes.register(in: &table)
        PlanRoutes.register(in: &table)
        UsageRoutes.register(in: &table)
        IncidentRoutes.register(in: &table)
        FinanceExportRoutes.register(in: &table)
        SecondFactorRoutes.register(in: &table)
        BackofficeRoutes.register(in: &table)
        StaffAuthPageRoutes.register(in: &table)
        StaffPageRoutes.register(in: &table)
        StaffOrderPageRoutes.register(in: &table)
        BillingProfilePortalRoutes.register(in: &table)
        SelfServiceRoutes.register(in: &table)
        SecurityPortalRoutes.register(in: &table)
        OpenAPIRoutes.register(in: &table)
        return table
    }
}

import Domain
import Postgres

extension SubscriptionStore {
    /// Where and how a subscription's notice goes: the e-mail address of the user who subscribed, the company's
    /// country (it decides the language) and the plan's name — plan `planID` when given (a plan change names the
    /// new plan), else the subscription's own; a plan missing from the catalog is named by its id. Nil when the
    /// subscription is unknown or its user is gone (erased).
    public func noticeRecipient(subscriptionID: String, planID: String? = nil) throws -> SubscriptionNoticeRecipient? {
        let rows = try connection.query(
            """
            SELECT u.email, c.country, coalesce(p.name_de, s.plan_id) AS plan_de, coalesce(p.name_en, s.plan_id) AS plan_en
            FROM subscriptions s JOIN companies c ON c.id = s.company_id
            LEFT JOIN users u ON u.id = s.user_id
            LEFT JOIN catalog_packages p ON p.id = coalesce(\(planID), s.plan_id)
            WHERE s.id = \(subscriptionID)::uuid
            """)
        guard let row = rows.first, let email = try row.optionalString("email") else { return nil }
        return SubscriptionNoticeRecipient(
            email: email, country: try row.string("country"),
            planName: LocalizedText(de: try row.string("plan_de"), en: try row.string("plan_en")))
    }

    /// What an off-session charge of subscription `subscriptionID` needs: its saved payment method and the
    /// company's Stripe Customer (either nil when missing, both nil for an unknown subscription).
    public func chargeTarget(subscriptionID: String) throws -> (paymentMethodID: String?, customerID: String?) {
        let rows = try connection.query(
            """
            SELECT s.payment_method_id, c.customer_id FROM subscriptions s
            LEFT JOIN stripe_customers c ON c.company_id = s.company_id
            WHERE s.id = \(subscriptionID)::uuid
            """)
        return (try rows.first?.optionalString("payment_method_id"), try rows.first?.optionalString("customer_id"))
    }

    /// Whether subscription `id` exists (of any company: for events whose facts Stripe signed).
    public func exists(id: String) throws -> Bool {
        guard UUIDText.isValid(id) else { return false }
        return try !connection.query("SELECT 1 FROM subscriptions WHERE id = \(id)::uuid").isEmpty
    }
}

import Domain
import Foundation
import Pages
import Storage
import Web

/// The portal's subscriptions page (`/de/konto/abonnements`, `/en/account/subscriptions`) and its button for a new
/// payment method of a subscription with something owed.
enum SubscriptionPortalRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.subscriptions.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                let company = try PortalRoutes.account(context, caller).company
                let panels = try BuildSubscriptionPanels(
                    connection: context.services.database, catalog: try context.services.catalog.current()
                ).panels(companyID: company.id.rawValue, now: Int64(Date().timeIntervalSince1970))
                return try PortalRoutes.render(.subscriptions, context, language, caller) { portal in
                    portal.subscriptions = panels
                }
            }
            table.add(.post, Page.subscriptions.path(in: language), access: .signedInPage) { context in
                try updatePaymentMethod(context, language)
            }
        }
    }

    /// The panel's "update the payment method and pay now" button (PAST_DUE or SUSPENDED): a new setup-mode
    /// Checkout, like `POST /api/v1/subscriptions/{id}/payment-method`; its completion charges every owed invoice
    /// (``CompleteSubscriptionSetup``). Another company's or an unknown subscription is 404; an ended one 409.
    static func updatePaymentMethod(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.poster(context, language)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let company = try PortalRoutes.account(context, caller).company
        guard
            let record = try SubscriptionStore(connection: context.services.database).subscription(
                id: values["subscription_id"] ?? "", companyID: company.id.rawValue)
        else { throw Problem.notFound(detail: "There is no such subscription.") }
        func page(_ status: HTTPStatus, _ form: FormState) throws -> Response {
            let panels = try BuildSubscriptionPanels(
                connection: context.services.database, catalog: try context.services.catalog.current()
            ).panels(companyID: company.id.rawValue, now: Int64(Date().timeIntervalSince1970))
            return try PortalRoutes.render(.subscriptions, context, language, caller, status: status, form: form) {
                $0.subscriptions = panels
            }
        }
        guard record.state.status != .canceled else {
            return try page(.conflict, FormState(formError: "sub_error_ended"))
        }
        do {
            let setup = try context.subscriptionStarter.replacePaymentMethod(
                subscription: record, company: company, email: caller.principal.email.value, language: language)
            try AuditLog(connection: context.services.database).append(
                AuditEntry(
                    by: caller.principal, action: AuditAction("subscription.payment_method"), target: record.id,
                    ip: context.clientAddress))
            return PageResponse.seeOther(setup.checkoutURL)
        } catch {
            guard let failure = PortalRoutes.purchaseFailure(error) else { throw error }
            return try page(failure.status, failure.form)
        }
    }
}

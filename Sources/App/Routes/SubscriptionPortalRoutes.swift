import Domain
import Foundation
import Pages
import Storage
import Web

/// The portal's subscriptions page (`/de/konto/abonnements`, `/en/account/subscriptions`).
enum SubscriptionPortalRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.subscriptions.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                let company = try StartCheckout.buyingCompany(caller, context.checkout)
                let panels = try BuildSubscriptionPanels(
                    connection: context.services.database, catalog: try context.services.catalog.current()
                ).panels(companyID: company.id.rawValue, now: Int64(Date().timeIntervalSince1970))
                return try PortalRoutes.render(.subscriptions, context, language, caller) { portal in
                    portal.subscriptions = panels
                }
            }
        }
    }
}

import Domain
import Logging
import Pages
import Postgres
import Storage
import Stripe
import Web

/// The page a buyer returns to from Stripe Checkout. It never trusts the URL: it looks the session up among
/// the signed-in company's purchases and, while the purchase is still PENDING, asks Stripe for the session
/// and fulfils through the same ``FulfilPurchase`` as the webhook — whichever comes first wins, the other
/// changes nothing (the success-page race).
enum CheckoutPageRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.checkoutSuccess.path(in: language), access: .signedInPage) { context in
                try success(context, language)
            }
            table.add(.post, "/\(language.rawValue)/checkout/simulate", access: .signedInPage) { context in
                try simulate(context, language)
            }
        }
    }

    static func success(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.caller(context, language)
        let sessionID = context.request.query("session_id") ?? ""
        let state = try confirm(sessionID: sessionID, caller: caller, context: context)
        var page = PageContext(csrfToken: caller.session?.csrfToken, signedIn: true)
        page.checkout = state
        return PageResponse.render(.checkoutSuccess, language, context, page)
    }

    /// The state of the caller's purchase for `sessionID`, fulfilled now when Stripe says it is paid.
    static func confirm(sessionID: String, caller: Caller, context: RequestContext) throws -> CheckoutState {
        let connection = context.services.database
        let company = caller.principal.companyID
        let ledger = CreditLedger(connection: connection)
        guard !sessionID.isEmpty, sessionID.utf8.count <= 255,
            var purchase = try PurchaseStore(connection: connection).purchase(sessionID: sessionID, companyID: company)
        else { return CheckoutState(status: .unknown) }
        if purchase.status == .pending && !context.services.billing.isMockMode {
            let retrieved: CheckoutSession?
            do throws(StripeError) {
                retrieved = try context.services.billing.gateway().retrieveCheckoutSession(id: sessionID)
            } catch {
                retrieved = nil
                context.logger.warning(
                    "success page could not reach Stripe; showing the stored state",
                    metadata: ["stripe.error": "\(error)"])
            }
            if let session = retrieved {
                if session.clientReferenceID == nil || session.clientReferenceID == purchase.id {
                    _ = try connection.transaction { connection in
                        try FulfilPurchase.apply(
                            PaymentSignals.signal(for: session), purchaseID: purchase.id, sessionID: sessionID,
                            seller: context.services.configuration.seller, connection: connection,
                            logger: context.logger)
                    }
                    purchase =
                        try PurchaseStore(connection: connection).purchase(id: purchase.id, companyID: company)
                        ?? purchase
                }
            }
        }
        let balance = try ledger.balance(companyID: company.rawValue)
        switch purchase.status {
        case .paid, .refunded: return CheckoutState(status: .paid, balance: balance)
        case .failed: return CheckoutState(status: .failed, balance: balance)
        case .pending:
            let simulated =
                context.services.billing.isMockMode && SimulatedGateway.isSimulated(sessionID) ? sessionID : nil
            return CheckoutState(status: .pending, balance: balance, simulatedSessionID: simulated)
        }
    }

    static func simulate(_ context: RequestContext, _ language: Language) throws -> Response {
        guard context.services.billing.isMockMode else { throw Problem.notFound() }
        let caller = try PortalSession.poster(context, language)
        let sessionID = SiteForms.dictionary(try SiteForms.decode(context))["session_id"] ?? ""
        _ = try SimulatedCheckout.complete(
            sessionID: sessionID, caller: caller, dependencies: context.checkout)
        return PageResponse.seeOther(Page.checkoutSuccess.path(in: language) + "?session_id=" + sessionID)
    }
}

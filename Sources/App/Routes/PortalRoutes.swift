import Domain
import Foundation
import Pages
import Storage
import Stripe
import Web

/// The client portal: account, API tokens, buying credits, purchases (each paid one leads to its invoice), orders.
/// Every page is personal (`private, no-store`) and scoped to the signed-in company.
enum PortalRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.account.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                let referralIgnored = context.request.query("referral") == "ignored"
                return try render(.account, context, language, caller) { $0.referralIgnored = referralIgnored }
            }
            table.add(.get, Page.apiTokens.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                return try render(.apiTokens, context, language, caller) { _ in }
            }
            table.add(.post, Page.apiTokens.path(in: language), access: .signedInPage) { context in
                try tokens(context, language)
            }
            table.add(.get, Page.credits.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                return try render(.credits, context, language, caller) { _ in }
            }
            table.add(.post, Page.credits.path(in: language), access: .signedInPage) { context in
                try buyCredits(context, language)
            }
            table.add(.get, Page.purchases.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                return try render(.purchases, context, language, caller) { _ in }
            }
            table.add(.get, Page.purchases.path(in: language) + "/{id}", access: .signedInPage) { context in
                try purchaseInvoice(context, language)
            }
            table.add(.get, Page.orders.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                return try render(.orders, context, language, caller) { _ in }
            }
            table.add(.post, Page.orders.path(in: language), access: .signedInPage) { context in
                try order(context, language)
            }
        }
    }

    /// Renders a portal page with the caller's account, tokens, products, purchases and orders.
    static func render(
        _ page: Page, _ context: RequestContext, _ language: Language, _ caller: Caller, status: HTTPStatus = .ok,
        form: FormState? = nil, _ adjust: (inout PortalView) -> Void
    ) throws -> Response {
        var portal = try view(context, caller, page: page)
        adjust(&portal)
        return PageResponse.render(
            page, language, context,
            PageContext(csrfToken: caller.session?.csrfToken, signedIn: true, form: form, portal: portal),
            status: status)
    }

    /// The signed-in company and its credits as of the request's start: read with the session's look-up, which every
    /// `signedInPage` route does (``Route/sessionRead``); read now only on a route without that read.
    static func account(_ context: RequestContext, _ caller: Caller) throws -> CompanyAccount {
        if caller.usesSession, let rows = context.sessionReadRows {
            guard let account = try CompanyAccount(rows: rows) else { throw CheckoutRefusal.companyNotFound }
            return account
        }
        let company = try StartCheckout.buyingCompany(caller, context.checkout)
        let credits = try CreditLedger(connection: context.services.database).balance(companyID: company.id.rawValue)
        return CompanyAccount(company: company, credits: credits)
    }

    static func view(_ context: RequestContext, _ caller: Caller, page: Page) throws -> PortalView {
        let connection = context.services.database
        let account = try self.account(context, caller)
        let company = account.company
        var portal = PortalView(
            account: PortalView.Account(
                email: caller.principal.email.value, companyName: company.name, role: caller.principal.role.rawValue,
                countryCode: company.country, vatId: company.vatId, credits: account.credits))
        switch page {
        case .apiTokens:
            portal.tokens = try context.services.accounts.tokens.list(for: caller.principal).filter {
                $0.revokedAt == nil
            }
            .map { PortalView.Token(id: $0.id, name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt) }
        case .credits:
            portal.creditProducts = try context.services.catalog.products().map(\.product)
        case .purchases:
            // Credit packs only: order payments are shown with their orders (their invoices on the invoices page).
            portal.purchases = try PurchaseStore(connection: connection).creditPacks(companyID: company.id).map {
                PortalView.Purchase(
                    id: $0.id, productId: $0.productID, credits: $0.credits, status: $0.status.rawValue.lowercased(),
                    gross: Money(cents: $0.amountCents, currency: $0.currency), createdAt: $0.created)
            }
        case .orders:
            let catalog = try context.services.catalog.current()
            // A paid order shows where its fulfilment stands (issue 13): paid, in progress, delivered, cancelled.
            portal.orders = try OrderStore(connection: connection).ordersWithFulfilment(companyID: company.id).map {
                order, fulfilment in
                let name =
                    catalog.package(id: order.packageID)?.name
                    ?? LocalizedText(de: order.packageID, en: order.packageID)
                let currency = order.currency
                return PortalView.Order(
                    id: order.id, packageName: name,
                    status: (order.status == .paid ? fulfilment?.rawValue : nil)?.lowercased()
                        ?? order.status.rawValue.lowercased(),
                    firstPayment: Money(cents: order.amountCents, currency: currency),
                    monthly: order.monthlyNetCents > 0 ? Money(cents: order.monthlyNetCents, currency: currency) : nil,
                    createdAt: order.created)
            }
        default: break
        }
        return portal
    }

    static func tokens(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.poster(context, language)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        if let id = values["revoke"] {
            _ = try context.services.accounts.tokens.revoke(
                id: id, by: caller.principal, ip: context.clientAddress, now: Date())
            return PageResponse.seeOther(Page.apiTokens.path(in: language))
        }
        let state = PortalForms.validateNewToken(values)
        guard state.isValid else {
            return try render(.apiTokens, context, language, caller, status: .unprocessableContent, form: state) { _ in
            }
        }
        switch try context.services.accounts.tokens.create(
            name: state.values["name"] ?? "", for: caller.principal, ip: context.clientAddress, now: Date())
        {
        case .invalidName:
            var invalid = state
            invalid.errors["name"] = "error_too_long"
            return try render(.apiTokens, context, language, caller, status: .unprocessableContent, form: invalid) {
                _ in
            }
        case .created(let issued):
            return try render(.apiTokens, context, language, caller) { $0.newTokenSecret = issued.token }
        }
    }

    static func buyCredits(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.poster(context, language)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        do {
            let started = try StartCheckout.creditPack(
                productID: values["product_id"] ?? "", caller: caller, language: language,
                dependencies: context.checkout)
            return PageResponse.seeOther(started.checkoutURL)
        } catch {
            guard let failure = purchaseFailure(error) else { throw error }
            return try render(.credits, context, language, caller, status: failure.status, form: failure.form) { _ in }
        }
    }

    static func order(_ context: RequestContext, _ language: Language) throws -> Response {
        guard try context.caller()?.usesSession == true else {
            throw RedirectResponse(
                location: Page.login.path(in: language) + "?next=" + Page.configurator.path(in: language))
        }
        let caller = try PortalSession.poster(context, language)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let catalog = try context.services.catalog.current()
        let form = ConfiguratorForm(values: values, catalog: catalog)
        do {
            try RequireVerifiedEmail.check(caller, context.checkout)
            try RequireBillingAddress.check(caller, context.checkout)
            let order = try PlaceOrder.place(
                package: form.package, addons: form.addons, caller: caller, context: context)
            let started = try StartCheckout.order(
                order, caller: caller, language: language, dependencies: context.checkout)
            return PageResponse.seeOther(started.checkoutURL)
        } catch {
            guard let failure = purchaseFailure(error) else { throw error }
            return try render(.orders, context, language, caller, status: failure.status, form: failure.form) { _ in }
        }
    }

    /// How a purchase that could not start (credit pack or order) is told on the portal page: the preconditions
    /// (confirmed address, billing address), an unavailable payment provider, or a business rule; nil for
    /// anything else, which the caller rethrows.
    static func purchaseFailure(_ error: any Error) -> (status: HTTPStatus, form: FormState)? {
        switch error {
        case CheckoutRefusal.emailUnverified:
            return (.conflict, FormState(formError: "error_email_unverified"))
        case CheckoutRefusal.billingAddressIncomplete:
            return (.conflict, FormState(formError: "error_billing_address_missing", formLink: .billingProfile))
        case let error as DomainError:
            return (.unprocessableContent, FormState(formError: error.messageKey))
        case let error as StripeError:
            return (error.problem.status, FormState(formError: "error_payment_unavailable"))
        case let problem as Problem where problem.status.code >= 500:
            return (problem.status, FormState(formError: "error_payment_unavailable"))
        default:
            return nil
        }
    }

    /// The old receipt address of a credit pack (`/de/konto/kaeufe/{id}`): the invoice is the receipt, so a paid (or
    /// refunded) purchase leads to its invoice's row on the invoices page (number, state, PDF and XRechnung), one
    /// still pending to the purchases page that shows its state. Another company's or an unknown id is 404.
    static func purchaseInvoice(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.caller(context, language)
        let company = try StartCheckout.buyingCompany(caller, context.checkout)
        guard
            let purchase = try PurchaseStore(connection: context.services.database).purchase(
                id: context.parameter("id"), companyID: company.id), purchase.productID != nil
        else { throw Problem.notFound() }
        guard purchase.status == .paid || purchase.status == .refunded,
            let invoice = try InvoiceStore(connection: context.services.database).invoice(purchaseID: purchase.id)
        else { return PageResponse.seeOther(Page.purchases.path(in: language)) }
        return PageResponse.seeOther(Page.invoices.path(in: language) + "#" + PortalInvoices.anchor(invoice.number))
    }
}

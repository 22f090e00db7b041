import Domain
import Foundation

extension SitePages {
    /// The values of `page`'s own template (beyond the layout's).
    func pageValues(
        page: Page, language: Language, context: PageContext, strings: [String: String]
    )
        -> [String: Any]
    {
        let path = { (target: Page) in target.path(in: language) }
        var values: [String: Any] = [
            "href": [
                "configurator": path(.configurator), "pricing": path(.pricing), "contact": path(.contact),
                "services": path(.services), "privacy": path(.privacy), "terms": path(.terms),
                "imprint": path(.imprint), "login": path(.login), "register": path(.register),
                "account": path(.account), "api_tokens": path(.apiTokens), "credits": path(.credits),
                "purchases": path(.purchases), "orders": path(.orders), "home": path(.home),
                "subscriptions": path(.subscriptions),
                "referrals": path(.referrals), "invoices": path(.invoices),
                "billing_profile": path(.billingProfile), "security": path(.security),
            ],
            "action": page.path(in: language) + (context.pathId ?? ""),
        ]
        let form = context.form ?? FormState()
        func formValues(_ fields: [FormField], id: String) {
            values["fields"] = form.fields(fields, strings: strings, formId: id)
            if let summary = form.summary(fields, strings: strings, formId: id) { values["error_summary"] = summary }
            values["action"] = page.path(in: language)
        }
        switch page {
        case .services, .pricing:
            if let catalog = context.catalog {
                values["catalog"] = CatalogView(catalog: catalog).context(in: language, strings: strings)
            }
        case .configurator:
            let view = context.configurator ?? context.catalog.map { ConfiguratorView(catalog: $0) }
            if let view {
                values["configurator"] = view.context(in: language, strings: strings)
            }
            values["action"] = page.path(in: language)
            values["order_action"] = Page.orders.path(in: language)
        case .contact:
            formValues(ContactForm.fields, id: "contact")
            values["honeypot"] = ContactForm.honeypot
        case .login:
            formValues(PortalForms.login, id: "login")
            if let next = form.values["next"] { values["next"] = next }
        case .register:
            formValues(PortalForms.register(in: language), id: "register")
        case .apiTokens:
            formValues(PortalForms.newToken, id: "token")
        case .consent:
            formValues([], id: "consent")
        case .verifyEmail:
            formValues([], id: "verify")
            values["token"] = form.values["token"] ?? ""
            if form.values["done"] != nil { values["done"] = true }
        case .privacy:
            values["t"] = RetentionText.resolving(strings, in: language)
            values["retention"] = RetentionText.rows(in: language)
        case .resetPassword:
            formValues(PortalForms.resetPassword, id: "reset")
            values["token"] = form.values["token"] ?? ""
            if form.values["done"] != nil { values["done"] = true }
        case .billingProfile:
            formValues(PortalForms.billingProfile(in: language), id: "billing")
            if form.values["saved"] != nil { values["billing_profile_saved"] = true }
            if form.values["incomplete"] != nil { values["billing_profile_incomplete"] = true }
        case .security:
            // Two forms on one page: only the one posted (`form` = password | email) shows its state.
            for (name, fields) in [("password", PortalForms.changePassword), ("email", PortalForms.changeEmail)] {
                let state = form.values["form"] == name ? form : FormState()
                var item: [String: Any] = ["fields": state.fields(fields, strings: strings, formId: name)]
                if let summary = state.summary(fields, strings: strings, formId: name) {
                    item["error_summary"] = summary
                }
                values["\(name)_form"] = item
            }
            values["error_summary"] = false
            if form.values["done"] == "password" { values["password_changed"] = true }
            if form.values["done"] == "email" { values["email_mailed"] = true }
        case .confirmEmail:
            formValues([], id: "confirm")
            values["token"] = form.values["token"] ?? ""
            if form.values["done"] != nil { values["done"] = true }
        default:
            break
        }
        // A form-level error on a page without fields of its own (credits, orders) is shown too.
        if values["error_summary"] == nil, let summary = form.summary([], strings: strings, formId: "form") {
            values["error_summary"] = summary
        }
        if let link = form.formLink, var summary = values["error_summary"] as? [String: Any] {
            summary["link"] = [
                "href": link.path(in: language),
                "label": strings[link == .billingProfile ? "billing_address_link" : link.key + "_heading"] ?? "",
            ]
            values["error_summary"] = summary
        }
        if let checkout = context.checkout {
            var state: [String: Any] = [checkout.status.rawValue: true]
            if let balance = checkout.balance {
                state["has_balance"] = true
                state["balance"] = balance
            }
            if let session = checkout.simulatedSessionID {
                state["simulated_session"] = session
                state["simulate_action"] = "/\(language.rawValue)/checkout/simulate"
            }
            values["checkout"] = state
        }
        if let portal = context.portal {
            for (key, value) in portalValues(portal, language: language, strings: strings) { values[key] = value }
        }
        return values
    }

    private func portalValues(_ portal: PortalView, language: Language, strings: [String: String]) -> [String: Any] {
        let price = { (money: Money) in PriceFormat.text(money, in: language) }
        let status = { (raw: String) in strings["status_" + raw] ?? raw }
        var values: [String: Any] = [:]
        if let account = portal.account {
            var item: [String: Any] = [
                "email": account.email, "company_name": account.companyName,
                "role": strings["role_" + account.role] ?? account.role,
                "country": CountryNames.name(of: account.countryCode, in: language), "credits": account.credits,
            ]
            if let vatId = account.vatId { item["vat_id"] = vatId }
            values["account"] = item
        }
        values["tokens"] = portal.tokens.map { token -> [String: Any] in
            var item: [String: Any] = [
                "id": token.id, "name": token.name, "created": DateText.text(token.createdAt, in: language),
                "created_iso": DateText.iso(token.createdAt),
            ]
            if let used = token.lastUsedAt {
                item["last_used"] = DateText.text(used, in: language)
                item["last_used_iso"] = DateText.iso(used)
            }
            return item
        }
        values["has_tokens"] = !portal.tokens.isEmpty
        values["has_purchases"] = !portal.purchases.isEmpty
        values["has_orders"] = !portal.orders.isEmpty
        if let invoices = portal.invoices { values["invoices"] = invoices.context(in: language, strings: strings) }
        if let referrals = portal.referrals { values["referrals"] = referrals.context(in: language, strings: strings) }
        if portal.referralIgnored { values["referral_ignored"] = true }
        if let secret = portal.newTokenSecret { values["new_token"] = secret }
        values["packs"] = portal.creditProducts.filter(\.isActive).map { product -> [String: Any] in
            [
                "id": product.id, "credits": product.credits, "net": price(product.net),
                "name": (strings["credits_pack_name"] ?? "%d").replacingOccurrences(
                    of: "%d", with: "\(product.credits)"),
            ]
        }
        values["purchases"] = portal.purchases.map { purchase -> [String: Any] in
            [
                "id": purchase.id, "product_id": purchase.productId, "credits": purchase.credits,
                "status": status(purchase.status), "paid": purchase.status == "paid", "gross": price(purchase.gross),
                "date": DateText.text(purchase.createdAt, in: language), "date_iso": DateText.iso(purchase.createdAt),
                "receipt_href": Page.receipt.path(in: language) + purchase.id,
            ]
        }
        values["orders"] = portal.orders.map { order -> [String: Any] in
            var item: [String: Any] = [
                "id": order.id, "package": order.packageName.text(in: language), "status": status(order.status),
                "first_payment": price(order.firstPayment), "date": DateText.text(order.createdAt, in: language),
                "date_iso": DateText.iso(order.createdAt),
            ]
            if let monthly = order.monthly { item["monthly"] = price(monthly) }
            return item
        }
        if let receipt = portal.receipt { values["receipt"] = receipt.context(in: language, strings: strings) }
        values["has_subscriptions"] = !portal.subscriptions.isEmpty
        values["subscriptions"] = portal.subscriptions.map { $0.context(in: language, strings: strings) }
        return values
    }
}

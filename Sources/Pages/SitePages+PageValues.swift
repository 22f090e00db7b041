import Domain
import Foundation

extension SitePages {
    /// Writes the values of `page`'s own template into `values` (over the layout's).
    func pageValues(
        page: Page, language: Language, context: PageContext, strings: [String: String],
        into values: inout TemplateObject
    ) {
        values["href"] = parts.hrefs(in: language)
        values["action"] = .text(page.path(in: language) + (context.pathId ?? ""))
        let form = context.form ?? FormState()
        var summary: FormState.Summary?
        func formValues(_ fields: [FormField], id: String) {
            values["fields"] = .list(form.fields(fields, strings: strings, formId: id))
            summary = form.summary(fields, strings: strings, formId: id)
            values["action"] = .text(page.path(in: language))
        }
        switch page {
        case .services, .pricing:
            if let catalog = context.catalog {
                values["catalog"] = CatalogView(catalog: catalog).templateValue(in: language, strings: strings)
            }
        case .configurator:
            let view = context.configurator ?? context.catalog.map { ConfiguratorView(catalog: $0) }
            if let view {
                values["configurator"] = view.templateValue(in: language, strings: strings)
            }
            values["action"] = .text(page.path(in: language))
            values["order_action"] = .text(Page.orders.path(in: language))
        case .contact:
            formValues(ContactForm.fields, id: "contact")
            values["honeypot"] = .text(ContactForm.honeypot)
        case .login:
            formValues(PortalForms.login, id: "login")
            if let next = form.values["next"] { values["next"] = .text(next) }
        case .register:
            formValues(PortalForms.register(in: language), id: "register")
        case .apiTokens:
            formValues(PortalForms.newToken, id: "token")
        case .consent:
            formValues([], id: "consent")
        case .verifyEmail:
            formValues([], id: "verify")
            values["token"] = .text(form.values["token"] ?? "")
            if form.values["done"] != nil { values["done"] = true }
        case .privacy:
            values["t"] = RetentionText.resolvedTemplateValue(in: language)
            values["retention"] = RetentionText.rows(in: language)
        case .resetPassword:
            formValues(PortalForms.resetPassword, id: "reset")
            values["token"] = .text(form.values["token"] ?? "")
            if form.values["done"] != nil { values["done"] = true }
        case .support:
            formValues(
                PortalSupport.newRequestFields(references: context.portal?.support?.references ?? []), id: "support")
            if form.values["opened"] != nil { values["support_opened"] = true }
        case .supportThread:
            formValues(PortalSupport.replyFields, id: "reply")
        case .billingProfile:
            formValues(PortalForms.billingProfile(in: language), id: "billing")
            if form.values["saved"] != nil { values["billing_profile_saved"] = true }
            if form.values["incomplete"] != nil { values["billing_profile_incomplete"] = true }
        case .security:
            // Two forms on one page: only the one posted (`form` = password | email) shows its state.
            for (name, fields) in [("password", PortalForms.changePassword), ("email", PortalForms.changeEmail)] {
                let state = form.values["form"] == name ? form : FormState()
                var item: TemplateObject = [
                    "fields": .list(state.fields(fields, strings: strings, formId: name))
                ]
                if let summary = state.summary(fields, strings: strings, formId: name) {
                    item["error_summary"] = summary.templateValue
                }
                values["\(name)_form"] = .object(item)
            }
            values["error_summary"] = false
            if form.values["done"] == "password" { values["password_changed"] = true }
            if form.values["done"] == "email" { values["email_mailed"] = true }
        case .team:
            formValues(PortalForms.invite, id: "invite")
            if let done = form.values["done"] { values["team_done_" + done] = true }
        case .invitation:
            formValues(PortalForms.acceptInvitation, id: "invitation")
            values["token"] = .text(form.values["token"] ?? "")
            for key in ["company", "inviter", "email"] { values["invitation_" + key] = .text(form.values[key] ?? "") }
            if form.values["pending"] != nil { values["invitation_pending"] = true }
        case .confirmEmail:
            formValues([], id: "confirm")
            values["token"] = .text(form.values["token"] ?? "")
            if form.values["done"] != nil { values["done"] = true }
        default:
            break
        }
        // A form-level error on a page without fields of its own (credits, orders) is shown too.
        if values["error_summary"] == nil, summary == nil {
            summary = form.summary([], strings: strings, formId: "form")
        }
        if var summary {
            if let link = form.formLink {
                summary.link = FormState.Summary.Link(
                    href: link.path(in: language),
                    label: strings[link == .billingProfile ? "billing_address_link" : link.key + "_heading"] ?? "")
            }
            values["error_summary"] = summary.templateValue
        }
        if let checkout = context.checkout {
            var state: TemplateObject = [checkout.status.rawValue: true]
            if let balance = checkout.balance {
                state["has_balance"] = true
                state["balance"] = .number(balance)
            }
            if let session = checkout.simulatedSessionID {
                state["simulated_session"] = .text(session)
                state["simulate_action"] = .text("/\(language.rawValue)/checkout/simulate")
            }
            values["checkout"] = .object(state)
        }
        if let portal = context.portal {
            portalValues(portal, language: language, strings: strings, into: &values)
        }
    }

    private func portalValues(
        _ portal: PortalView, language: Language, strings: [String: String], into values: inout TemplateObject
    ) {
        let price = { (money: Money) in TemplateValue.text(PriceFormat.text(money, in: language)) }
        let status = { (raw: String) in TemplateValue.text(strings["status_" + raw] ?? raw) }
        if let account = portal.account {
            var item: TemplateObject = [
                "email": .text(account.email), "company_name": .text(account.companyName),
                "role": .text(strings["role_" + account.role] ?? account.role),
                "country": .text(CountryNames.name(of: account.countryCode, in: language)),
                "credits": .number(account.credits),
            ]
            if let vatId = account.vatId { item["vat_id"] = .text(vatId) }
            values["account"] = .object(item)
        }
        values["tokens"] = .list(
            portal.tokens.map { token in
                var item: TemplateObject = [
                    "id": .text(token.id), "name": .text(token.name),
                    "created": .text(DateText.text(token.createdAt, in: language)),
                    "created_iso": .text(DateText.iso(token.createdAt)),
                ]
                if let used = token.lastUsedAt {
                    item["last_used"] = .text(DateText.text(used, in: language))
                    item["last_used_iso"] = .text(DateText.iso(used))
                }
                return .object(item)
            })
        values["has_tokens"] = .flag(!portal.tokens.isEmpty)
        values["has_purchases"] = .flag(!portal.purchases.isEmpty)
        values["has_orders"] = .flag(!portal.orders.isEmpty)
        if let invoices = portal.invoices {
            values["invoices"] = invoices.templateValue(in: language, strings: strings)
        }
        if let referrals = portal.referrals {
            values["referrals"] = referrals.templateValue(in: language, strings: strings)
        }
        if let team = portal.team { values["team"] = team.templateValue(in: language, strings: strings) }
        if let support = portal.support { values["support"] = support.templateValue(in: language, strings: strings) }
        if portal.referralIgnored { values["referral_ignored"] = true }
        if let secret = portal.newTokenSecret { values["new_token"] = .text(secret) }
        let packName = strings["credits_pack_name"] ?? "%d"
        values["packs"] = .list(
            portal.creditProducts.filter(\.isActive).map { product in
                [
                    "id": .text(product.id), "credits": .number(product.credits), "net": price(product.net),
                    "name": .text(packName.replacingEvery("%d", with: String(product.credits))),
                ]
            })
        values["purchases"] = .list(
            portal.purchases.map { purchase in
                [
                    "id": .text(purchase.id), "product_id": .text(purchase.productId),
                    "credits": .number(purchase.credits), "status": status(purchase.status),
                    "paid": .flag(purchase.status == "paid"), "gross": price(purchase.gross),
                    "date": .text(DateText.text(purchase.createdAt, in: language)),
                    "date_iso": .text(DateText.iso(purchase.createdAt)),
                    "invoice_href": .text(Page.purchases.path(in: language) + "/" + purchase.id),
                ]
            })
        values["orders"] = .list(
            portal.orders.map { order in
                var item: TemplateObject = [
                    "id": .text(order.id), "package": .text(order.packageName.text(in: language)),
                    "status": status(order.status), "first_payment": price(order.firstPayment),
                    "date": .text(DateText.text(order.createdAt, in: language)),
                    "date_iso": .text(DateText.iso(order.createdAt)),
                ]
                if let monthly = order.monthly { item["monthly"] = price(monthly) }
                return .object(item)
            })
        values["has_subscriptions"] = .flag(!portal.subscriptions.isEmpty)
        values["subscriptions"] = .list(portal.subscriptions.map { $0.templateValue(in: language, strings: strings) })
    }
}

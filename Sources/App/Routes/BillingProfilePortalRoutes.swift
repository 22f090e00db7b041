import Domain
import Pages
import Storage
import Web

/// The portal's billing profile page (`/de/konto/rechnungsdaten`, `/en/account/billing-profile`): legal name,
/// address, country and VAT ID for future invoices, checked with the same rules as the API
/// (`PUT /api/v1/company/billing-profile`); issued invoices keep their snapshot.
enum BillingProfilePortalRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.billingProfile.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                let company = try PortalRoutes.account(context, caller).company
                var state = FormState(values: values(of: company))
                if context.request.query("saved") != nil { state.values["saved"] = "1" }
                if !company.billingAddress.isComplete { state.values["incomplete"] = "1" }
                return try PortalRoutes.render(.billingProfile, context, language, caller, form: state) { _ in }
            }
            table.add(.post, Page.billingProfile.path(in: language), access: .signedInPage) { context in
                try save(context, language)
            }
        }
    }

    static func values(of company: Storage.Company) -> [String: String] {
        var values = [
            "legal_name": company.name, "country": company.country, "vat_id": company.vatId ?? "",
        ]
        let address = company.billingAddress
        values["street"] = address.street ?? ""
        values["extra"] = address.extra ?? ""
        values["postal_code"] = address.postalCode ?? ""
        values["city"] = address.city ?? ""
        return values
    }

    static func save(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.poster(context, language)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let state = PortalForms.validateBillingProfile(values)
        guard state.isValid else {
            return try PortalRoutes.render(
                .billingProfile, context, language, caller, status: .unprocessableContent, form: state
            ) { _ in }
        }
        let vatID = state.values["vat_id"] ?? ""
        let decision = try VATDecision.decide(
            buyerCountryCode: (state.values["country"] ?? "").uppercased(), vatId: vatID.isEmpty ? nil : vatID)
        guard
            try BillingProfileRoutes.store(
                caller: caller, legalName: state.values["legal_name"] ?? "", decision: decision,
                address: PortalForms.billingAddress(state.values), context: context) != nil
        else { throw Problem.notFound() }
        return PageResponse.seeOther(Page.billingProfile.path(in: language) + "?saved=1")
    }
}

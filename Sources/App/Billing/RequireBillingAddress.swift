import Domain
import Pages
import Storage
import Web

/// Buying needs the company's full postal address (street, postal code, city): every purchase, order and
/// subscription is invoiced, and §14 (4) UStG and XRechnung (BR-DE-8/9) require the buyer's address on the
/// invoice. A company registered without it (the API makes the address optional) is refused with a 409 problem
/// that points to the billing profile (`PUT /api/v1/company/billing-profile`, portal page
/// `/de/konto/rechnungsdaten`) until it is complete.
enum RequireBillingAddress {
    /// The problem type of the refusal.
    static let problemType = "https://codezero.example/problems/billing-address-missing"

    /// Throws a 409 problem when the caller's company has no complete billing address.
    static func check(_ caller: Caller, _ context: RequestContext) throws {
        let company = try StartCheckout.buyingCompany(caller, context)
        guard !company.billingAddress.isComplete else { return }
        let base = context.services.configuration.publicURL
        throw Problem(
            status: .conflict, type: problemType, title: "Billing address incomplete",
            detail:
                "Invoices need your company's street, postal code and city: complete them with "
                + "PUT /api/v1/company/billing-profile or at \(base)\(Page.billingProfile.path(in: .en)), then "
                + "buy again.",
            extensions: ["billing_profile": "/api/v1/company/billing-profile"])
    }
}

import Domain
import Pages
import Storage

/// Buying needs the company's full postal address (street, postal code, city): every purchase, order and
/// subscription is invoiced, and §14 (4) UStG and XRechnung (BR-DE-8/9) require the buyer's address on the
/// invoice. A company registered without it (the API makes the address optional) is refused (409, pointing to
/// the billing profile: `PUT /api/v1/company/billing-profile`, portal page `/de/konto/rechnungsdaten`) until it
/// is complete.
enum RequireBillingAddress {
    /// Throws ``CheckoutRefusal/billingAddressIncomplete(profileURL:)`` when the caller's company has no
    /// complete billing address.
    static func check(_ caller: Caller, _ dependencies: CheckoutDependencies) throws {
        let company = try StartCheckout.buyingCompany(caller, dependencies)
        guard !company.billingAddress.isComplete else { return }
        throw CheckoutRefusal.billingAddressIncomplete(
            profileURL: dependencies.publicURL + Page.billingProfile.path(in: .en))
    }
}

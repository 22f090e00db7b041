import Domain
import Web

extension CheckoutRefusal: ProblemConvertible {
    /// The problem type of ``emailUnverified``.
    static let emailUnverifiedType = "https://codezero.example/problems/email-unverified"
    /// The problem type of ``billingAddressIncomplete(profileURL:)``.
    static let billingAddressIncompleteType = "https://codezero.example/problems/billing-address-missing"

    /// 409 for a refused state, 404 for a company or session that is not there, 422 for a wrong test method.
    var problem: Problem {
        switch self {
        case .emailUnverified:
            return Problem(
                status: .conflict, type: Self.emailUnverifiedType, title: "E-mail address not confirmed",
                detail:
                    "Confirm your e-mail address before buying: open the link in the mail we sent at registration "
                    + "(POST /api/v1/auth/verify-email/resend sends a new one).")
        case .billingAddressIncomplete(let profileURL):
            return Problem(
                status: .conflict, type: Self.billingAddressIncompleteType, title: "Billing address incomplete",
                detail:
                    "Invoices need your company's street, postal code and city: complete them with "
                    + "PUT /api/v1/company/billing-profile or at \(profileURL), then buy again.",
                extensions: ["billing_profile": "/api/v1/company/billing-profile"])
        case .companyNotFound:
            return .notFound(detail: "Your company was not found.")
        case .orderNotPayable(let status):
            return .conflict(detail: "This order is \(status.rawValue.lowercased()) and cannot be paid again.")
        case .orderPaidMeanwhile:
            return .conflict(detail: "This order has just been paid and cannot be paid again.")
        case .taxRulesChanged:
            return .conflict(detail: "The tax rules changed since the order was placed; please order again.")
        case .unknownSession:
            return .notFound(detail: "There is no such checkout session.")
        case .unknownTestPaymentMethod(let allowed):
            return .unprocessable(
                detail: "payment_method must be one of \(allowed.joined(separator: ", ")).",
                errors: [FieldError(field: "payment_method", detail: "unknown test payment method", code: "enum")])
        case .subscriptionStarted:
            return .conflict(detail: "This order's subscription has started already.")
        case .subscriptionStarting:
            return .conflict(detail: "This order's subscription is being started; please try again.")
        }
    }
}

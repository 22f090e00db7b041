import Domain

/// Why a checkout (credit pack, order, subscription) was refused before the payment provider saw it, as
/// business facts; `CheckoutRefusal+Problem.swift` gives the HTTP answer.
enum CheckoutRefusal: Error, Equatable {
    /// The buyer has not confirmed their e-mail address yet (the order confirmation goes there).
    case emailUnverified
    /// The company's postal address is incomplete; it is completed at `profileURL`.
    case billingAddressIncomplete(profileURL: String)
    /// The caller's company does not exist (any more).
    case companyNotFound
    /// The order is not PENDING (paid, canceled, ...).
    case orderNotPayable(OrderStatus)
    /// The order was paid while this checkout started.
    case orderPaidMeanwhile
    /// The VAT decision differs from the one the order was priced with.
    case taxRulesChanged
    /// No checkout session with this id belongs to the caller's company.
    case unknownSession
    /// Mock mode knows no test payment method with this name (the allowed ones).
    case unknownTestPaymentMethod(allowed: [String])
    /// The order's subscription has started already.
    case subscriptionStarted
    /// A concurrent checkout of the same order is starting its subscription.
    case subscriptionStarting
}

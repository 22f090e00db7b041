import Domain
import Storage

/// Buying needs a confirmed e-mail address (the order confirmation, which forms the contract, goes there):
/// the account works before, but starting a checkout is refused (409) until the mailed link was opened.
enum RequireVerifiedEmail {
    /// Throws ``CheckoutRefusal/emailUnverified`` when `caller`'s address is not verified.
    static func check(_ caller: Caller, _ dependencies: CheckoutDependencies) throws {
        guard try !dependencies.accounts.isEmailVerified(caller.principal.userID) else { return }
        throw CheckoutRefusal.emailUnverified
    }
}

import Domain
import Storage
import Web

/// Buying needs a confirmed e-mail address (the order confirmation, which forms the contract, goes there):
/// the account works before, but starting a checkout answers 409 until the mailed link was opened.
enum RequireVerifiedEmail {
    /// The problem type of the refusal.
    static let problemType = "https://codezero.example/problems/email-unverified"

    /// Throws a 409 problem when `caller`'s address is not verified.
    static func check(_ caller: Caller, _ context: RequestContext) throws {
        guard try !AccountStore(connection: context.services.database).isEmailVerified(caller.principal.userID) else {
            return
        }
        throw Problem(
            status: .conflict, type: problemType, title: "E-mail address not confirmed",
            detail:
                "Confirm your e-mail address before buying: open the link in the mail we sent at registration "
                + "(POST /api/v1/auth/verify-email/resend sends a new one).")
    }
}

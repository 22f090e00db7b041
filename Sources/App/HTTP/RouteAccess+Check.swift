import Domain
import Logging
import Storage
import Stripe
import Web

extension RouteAccess {
    /// Enforces this access for the request in `context` before the handler runs; the caller it resolved is
    /// cached in `context` (``RequestContext/caller()``), so handlers read it without a second look-up.
    ///
    /// - Throws: a ``Problem`` (401 without credentials, 403 for the wrong kind of credentials, a missing CSRF
    ///   token or role, 400 for a bad Stripe signature, 503 when webhooks are not configured, 404 for loopback
    ///   routes asked from elsewhere), or a ``RedirectResponse`` to the sign-in page for ``signedInPage``.
    func enforce(on context: RequestContext) throws {
        switch self {
        case .anyone:
            return
        case .authenticated:
            try context.requireCaller(.ownCompany)
        case .companyOrStaff:
            let caller = try context.requireCaller(.ownCompany)
            if caller.principal.role.isStaff { try context.requireCaller(.finance) }
        case .session:
            let caller = try context.requireCaller(.ownCompany)
            guard caller.usesSession else {
                throw Problem.forbidden(detail: "This operation needs a signed-in session; API tokens cannot do it.")
            }
        case .staffSession:
            let caller = try context.requireCaller(.ownCompany)
            guard caller.usesSession else {
                throw Problem.forbidden(detail: "This operation needs a signed-in session; API tokens cannot do it.")
            }
            guard caller.principal.role.isStaff else {
                throw Problem.forbidden(detail: "This operation is for staff accounts.")
            }
        case .finance:
            try context.requireCaller(.finance)
        case .admin:
            try context.requireCaller(.admin)
        case .loopback:
            guard Self.isLoopback(context.request.remoteAddress) else { throw Problem.notFound() }
        case .stripe:
            try Self.verifyStripeSignature(context)
        case .staffPage, .financePage, .adminPage:
            try StaffSession.enforce(self, on: context)
        case .signedInPage:
            let language = SiteLanguage.of(path: context.request.path) ?? .de
            let caller = try PortalSession.caller(context, language)
            if !context.request.method.isSafe {
                // Only the token is read here; the handler applies the text rule to its own fields (a textarea
                // accepts line breaks, so the form must not be judged by the one-line rule before it).
                let presented = (try? context.request.decodeForm())?["csrf_token"]
                guard caller.session?.acceptsCSRFToken(presented) == true, FormGuard.isSameOrigin(context) else {
                    throw Problem.forbidden(detail: "The form has expired; please reload the page.")
                }
            }
        }
    }

    /// Whether `address` (nginx's `$remote_addr`) is a loopback address.
    static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }

    /// Refuses a webhook whose `Stripe-Signature` does not match the raw body under a configured secret.
    private static func verifyStripeSignature(_ context: RequestContext) throws {
        let secrets = context.services.configuration.stripeWebhookSecrets
        guard !secrets.isEmpty else {
            context.logger.error("webhook received but STRIPE_WEBHOOK_SECRET is not configured")
            throw Problem.serviceUnavailable(retryAfter: 60, detail: "Webhooks are not configured.")
        }
        do throws(StripeError) {
            _ = try WebhookSignature(secrets: secrets).verify(
                payload: context.request.body, header: context.request.header("stripe-signature"))
        } catch {
            context.logger.notice("webhook refused", metadata: ["stripe.error": "\(error)"])
            throw Problem.badRequest(detail: "\(error)")
        }
    }
}

/// Who may call a route. Declared once per route in the ``RouteTable``: the table enforces it before the
/// handler runs (``RouteAccess/enforce(on:)``) and the OpenAPI document shows the same value — one fact.
///
/// To add a kind of access (or tighten one, e.g. a second factor for staff), add the case here and its check
/// in `RouteAccess+Check.swift`; the access-matrix test walks every route with every kind of caller.
public enum RouteAccess: String, Sendable, CaseIterable {
    /// Anyone.
    case anyone
    /// A session cookie or a bearer token; session writes need the CSRF token.
    case authenticated
    /// Like ``authenticated`` for a client (its own company's data); a staff caller sees every company's and so
    /// needs the staff capability, second factor included (``finance``).
    case companyOrStaff
    /// A session cookie only (a bearer token is refused); writes need the CSRF token.
    case session
    /// Stripe: the body carries a valid `Stripe-Signature` for a configured webhook secret.
    case stripe
    /// Loopback clients only (127.0.0.0/8, ::1); nginx refuses others before the request gets here.
    case loopback
    /// The `finance` or `admin` role (session or token; session writes need the CSRF token).
    case finance
    /// The `admin` role (session or token; session writes need the CSRF token).
    case admin
    /// A session of a `finance` or `admin` user, before or after the second factor: where staff enrol and give
    /// it (issue 13). Writes need the CSRF token.
    case staffSession
    /// A portal page: a session cookie, else a redirect (303) to the sign-in page of the page's language;
    /// form posts need the session's CSRF token and a same-origin request.
    case signedInPage
    /// A back-office page for any staff session, before or after the second factor (sign-in steps): without a
    /// session a 303 to the staff sign-in page; a client gets 403; posts need the CSRF token and the same origin.
    case staffPage
    /// A back-office page for `finance` or `admin` with the second factor; a staff session without it is sent
    /// (303) to the second-factor page, a client gets 403.
    case financePage
    /// A back-office page for `admin` with the second factor (finance gets 403).
    case adminPage
}

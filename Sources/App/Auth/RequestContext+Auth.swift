public import Domain
import Foundation
import Storage
import Web

extension RequestContext {
    /// The session cookie's name (`__Host-` prefix: Secure, no Domain, Path=/).
    static let sessionCookieName = SessionCookie(maxAge: 0).name

    /// The caller, from `Authorization: Bearer …` or the session cookie; nil when neither is valid.
    public func caller() throws -> Caller? {
        if let resolved = resolvedCaller { return resolved }
        let now = Date()
        if let header = request.header("authorization") {
            // A bearer header that is present but wrong never falls back to the cookie.
            guard let token = APITokenStore.bearerToken(fromAuthorization: header),
                let principal = try bearerPrincipal(token: token, now: now)
            else { throw Problem.unauthorized(detail: "The bearer token is not valid.") }
            let caller = Caller(principal: principal, session: nil, sessionToken: nil)
            resolvedCaller = caller
            return caller
        }
        guard let token = request.cookie(Self.sessionCookieName), !token.isEmpty,
            let session = try session(token: token, now: now)
        else { return nil }
        let caller = Caller(principal: session.principal, session: session, sessionToken: token)
        resolvedCaller = caller
        return caller
    }

    /// The token's principal; with the route's ``bearerRead`` in the same statement, whose rows it keeps.
    private func bearerPrincipal(token: String, now: Date) throws -> Principal? {
        guard let bearerRead else { return try services.accounts.tokens.resolve(token: token, now: now) }
        guard
            let (principal, rows) = try services.accounts.tokens.resolve(token: token, now: now, alongWith: bearerRead)
        else { return nil }
        bearerReadRows = rows
        return principal
    }

    /// The cookie's session; with the route's ``sessionRead`` in the same statement, whose rows it keeps.
    private func session(token: String, now: Date) throws -> ActiveSession? {
        guard let sessionRead else { return try services.accounts.sessions.resolve(token: token, now: now) }
        guard
            let (session, rows) = try services.accounts.sessions.resolve(token: token, now: now, alongWith: sessionRead)
        else { return nil }
        sessionReadRows = rows
        return session
    }

    /// The caller, who must be allowed `capability`; for writes by session cookie the CSRF token must be
    /// present (header `X-CSRF-Token`, or the form field `csrf_token`).
    ///
    /// - Throws: 401 without valid credentials, 403 without the capability or the CSRF token.
    @discardableResult
    public func requireCaller(_ capability: Capability = .ownCompany) throws -> Caller {
        guard let caller = try caller() else {
            var problem = Problem.unauthorized(detail: "Sign in, or send a bearer token.")
            problem.headers.replaceOrAdd(name: "WWW-Authenticate", value: "Bearer realm=\"codezero\"")
            throw problem
        }
        if !request.method.isSafe, let session = caller.session {
            let presented = request.header("x-csrf-token") ?? (try? request.decodeForm())?["csrf_token"]
            guard session.acceptsCSRFToken(presented) else {
                throw Problem.forbidden(detail: "The CSRF token is missing or does not match the session.")
            }
        }
        switch Authorization.decide(caller.principal, capability) {
        case .allowed: break
        case .denied: throw Problem.forbidden(detail: "Your role does not allow this.")
        case .secondFactorRequired: throw SecondFactorRefusal.required
        }
        try enforceWriteBudget(of: caller)
        return caller
    }

    /// The client address nginx saw.
    var clientAddress: String? { request.remoteAddress.isEmpty ? nil : request.remoteAddress }
}

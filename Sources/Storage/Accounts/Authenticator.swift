public import Domain
public import Foundation
public import Postgres
public import Signing

/// The login use case: throttle, verify the password in similar time whether or not the account exists,
/// re-hash when the scrypt parameters were raised, rotate the session, audit every attempt.
///
/// One per worker: creating it computes one scrypt hash (the dummy for unknown e-mails).
public final class Authenticator {
    /// The accounts.
    public let accounts: AccountStore
    /// The sessions.
    public let sessions: SessionStore
    /// The login failure counters.
    public let throttle: LoginThrottleStore
    /// The audit log.
    public let audit: AuditLog

    /// A hash of a random password with the current parameters: unknown e-mails are verified against it, so
    /// they cost the same scrypt work as a wrong password.
    private let dummyHash: String

    /// A use case on `connection`; `passwordParameters` are those new hashes get (and old ones are raised to).
    public init(
        connection: PostgresConnection, sessionPolicy: SessionPolicy = .standard,
        throttlePolicy: LoginThrottle = LoginThrottle(), passwordParameters: PasswordHash.Parameters = .default
    ) {
        accounts = AccountStore(connection: connection, passwordParameters: passwordParameters)
        sessions = SessionStore(connection: connection, policy: sessionPolicy)
        throttle = LoginThrottleStore(connection: connection, policy: throttlePolicy)
        audit = AuditLog(connection: connection)
        dummyHash = (try? PasswordHash.hash(password: SecureRandom.token(), parameters: passwordParameters)) ?? ""
    }

    /// Attempts a login at `now`. On success the previous session of this browser (`replacing`, the cookie
    /// it sent, if any) is revoked and a new one created, so the token rotates at every login.
    public func login(
        email rawEmail: String, password: String, ip: String?, userAgent: String? = nil,
        replacing previousToken: String? = nil, now: Date
    ) throws -> LoginOutcome {
        let key = LoginThrottleStore.accountKey(rawEmail)
        if case .retryAfter(let seconds) = try throttle.decide(email: key, ip: ip, now: now) {
            try audit.append(
                AuditEntry(
                    actor: nil, companyID: nil, action: .login, ip: ip, outcome: .denied,
                    details: ["email": key, "reason": "throttled", "retry_after": String(seconds)]))
            return .throttled(retryAfter: seconds)
        }
        let found = try EmailAddress(rawEmail).flatMap(credentials(email:))
        let matches = PasswordHash.verify(password: password, against: found?.hash ?? dummyHash)
        guard let found, matches, found.enabled, let membership = found.membership else {
            try throttle.recordFailure(email: key, ip: ip, now: now)
            let reason =
                found == nil
                ? "unknown_email" : !matches ? "wrong_password" : !found!.enabled ? "disabled" : "no_membership"
            try audit.append(
                AuditEntry(
                    actor: found?.userID, companyID: found?.membership?.companyID, action: .login, ip: ip,
                    outcome: .failure, details: ["email": key, "reason": reason]))
            return .failed
        }
        try throttle.clear(email: key)
        if PasswordHash.needsRehash(found.hash, parameters: accounts.passwordParameters) {
            try accounts.setPasswordHash(try accounts.hashPassword(password), for: found.userID)
        }
        if let previousToken { try sessions.revoke(token: previousToken, now: now) }
        let session = try sessions.create(
            userID: found.userID, companyID: membership.companyID, ip: ip, userAgent: userAgent, now: now)
        let principal = Principal(
            userID: found.userID, email: found.email, companyID: membership.companyID, role: membership.role,
            method: .session)
        try audit.append(AuditEntry(by: principal, action: .login, ip: ip, outcome: .success))
        return .succeeded(session, principal)
    }

    /// Ends the session of `token` (logout), audited when there was one.
    public func logout(token: String, ip: String?, now: Date) throws {
        guard let session = try sessions.resolve(token: token, now: now) else { return }
        try sessions.revoke(token: token, now: now)
        try audit.append(AuditEntry(by: session.principal, action: .logout, ip: ip))
    }

    /// Ends every session of the principal's user (logout everywhere), audited; returns how many ended.
    @discardableResult
    public func logoutEverywhere(_ principal: Principal, ip: String?, now: Date) throws -> Int {
        let count = try sessions.revokeAll(of: principal.userID, now: now)
        try audit.append(
            AuditEntry(by: principal, action: .logoutEverywhere, ip: ip, details: ["sessions": String(count)]))
        return count
    }

    /// Changes the principal's password after checking the current one (ASVS 6.2.3), then ends every other
    /// session of the user (the one of `keeping` stays). Wrong current passwords count as login failures of
    /// the account, so this is no way around the throttle. Audited. `inTransaction` runs in the changing
    /// transaction (e.g. to enqueue the notification mail, which then exists exactly when the change does).
    public func changePassword(
        _ principal: Principal, current: String, new: String, keeping sessionToken: String?, ip: String?,
        now: Date, policy: PasswordPolicy = .standard, inTransaction: (PostgresConnection) throws -> Void = { _ in }
    ) throws -> PasswordChangeOutcome {
        let key = principal.email.normalized
        if case .retryAfter(let seconds) = try throttle.decide(email: key, ip: ip, now: now) {
            return .throttled(retryAfter: seconds)
        }
        guard let found = try credentials(email: principal.email), found.userID == principal.userID,
            PasswordHash.verify(password: current, against: found.hash)
        else {
            try throttle.recordFailure(email: key, ip: ip, now: now)
            try audit.append(AuditEntry(by: principal, action: .passwordChange, ip: ip, outcome: .failure))
            return .wrongPassword
        }
        if let rejection = policy.check(new, email: principal.email) { return .weakPassword(rejection) }
        let hash = try accounts.hashPassword(new)
        return try accounts.connection.transaction { transaction in
            try accounts.setPasswordHash(hash, for: principal.userID)
            let ended = try sessions.revokeAll(of: principal.userID, except: sessionToken, now: now)
            try audit.append(
                AuditEntry(by: principal, action: .passwordChange, ip: ip, details: ["sessions_ended": String(ended)]))
            try inTransaction(transaction)
            return .changed(sessionsEnded: ended)
        }
    }

    /// The outcome of ``reauthenticate(_:password:ip:now:)``.
    public enum Reauthentication: Sendable, Hashable {
        /// The password is the principal's.
        case confirmed
        /// The password is wrong (counted as a login failure of the account).
        case wrongPassword
        /// Too many recent failures; retry after this many seconds.
        case throttled(retryAfter: Int)
    }

    /// Checks that `password` is the principal's current password before a sensitive change (a new e-mail
    /// address, erasure). Failures count against the login throttle and are audited as `action`.
    public func reauthenticate(
        _ principal: Principal, password: String, ip: String?, now: Date, action: AuditAction
    ) throws -> Reauthentication {
        let key = principal.email.normalized
        if case .retryAfter(let seconds) = try throttle.decide(email: key, ip: ip, now: now) {
            return .throttled(retryAfter: seconds)
        }
        guard let found = try credentials(email: principal.email), found.userID == principal.userID,
            PasswordHash.verify(password: password, against: found.hash)
        else {
            try throttle.recordFailure(email: key, ip: ip, now: now)
            try audit.append(AuditEntry(by: principal, action: action, ip: ip, outcome: .failure))
            return .wrongPassword
        }
        return .confirmed
    }

    private struct Credentials {
        var userID: UserID
        var email: EmailAddress
        var hash: String
        var enabled: Bool
        var membership: Membership?
    }

    private func credentials(email: EmailAddress) throws -> Credentials? {
        let rows = try accounts.connection.query(
            """
            SELECT u.id, u.email, u.password_hash, u.disabled_at IS NULL AS enabled, m.company_id, m.role, m.is_owner
            FROM users u
            LEFT JOIN LATERAL (
                SELECT company_id, role, is_owner FROM memberships WHERE user_id = u.id
                ORDER BY created_at, company_id LIMIT 1
            ) m ON true
            WHERE lower(u.email) = \(email.normalized)
            """)
        guard let row = rows.first else { return nil }
        let userID = UserID(try row.string("id"))
        var membership: Membership?
        if let company = try row.optionalString("company_id") {
            membership = Membership(
                userID: userID, companyID: CompanyID(company), role: try Role.stored(try row.string("role")),
                isOwner: try row.bool("is_owner"))
        }
        return Credentials(
            userID: userID, email: try EmailAddress.stored(try row.string("email")),
            hash: try row.string("password_hash"), enabled: try row.bool("enabled"), membership: membership)
    }
}

public import Domain
public import Foundation
public import Postgres
import Signing

/// Server-side sessions in PostgreSQL (OWASP ASVS 7): a 256-bit random cookie token stored only as its
/// SHA-256, idle and absolute timeouts by ``SessionPolicy``, server-side revocation.
///
/// The CSRF token is derived from the cookie token (HMAC-SHA256 keyed with it), so it needs no storage,
/// is different for every session, changes when the session rotates, and can be recomputed for any
/// request that carries the cookie; without the cookie token nobody can compute it.
public struct SessionStore {
    /// The connection used.
    public let connection: PostgresConnection
    /// The timeouts applied.
    public let policy: SessionPolicy

    /// A store on `connection` applying `policy`.
    public init(connection: PostgresConnection, policy: SessionPolicy = .standard) {
        self.connection = connection
        self.policy = policy
    }

    /// Starts a session for `userID` acting for `companyID` at `now`; the token is returned only here.
    public func create(
        userID: UserID, companyID: CompanyID, ip: String?, userAgent: String?, now: Date
    ) throws -> IssuedSession {
        let token = SecureRandom.token(bytes: 32)
        let created = Timestamp.seconds(now)
        let expires = created + Double(policy.absoluteTimeout)
        try connection.execute(
            """
            INSERT INTO sessions (id, user_id, company_id, created_at, last_seen_at, expires_at, ip, user_agent)
            VALUES (\(SHA256.hash(token)), \(userID)::uuid, \(companyID)::uuid, to_timestamp(\(created)),
                    to_timestamp(\(created)), to_timestamp(\(expires)), \(ip.map { String($0.prefix(64)) }),
                    \(userAgent.map { String($0.prefix(512)) }))
            """)
        return IssuedSession(
            token: token, csrfToken: Self.csrfToken(forSessionToken: token),
            expiresAt: Date(timeIntervalSince1970: expires), cookie: policy.cookie)
    }

    /// A session exactly like one ``create(userID:companyID:ip:userAgent:now:)`` issues — token, CSRF token,
    /// cookie — that is stored nowhere and so signs nobody in: the answer to a registration of a taken address,
    /// which must look like a fresh registration's (no account enumeration, issue #17).
    public func decoy(now: Date) -> IssuedSession {
        let token = SecureRandom.token(bytes: 32)
        return IssuedSession(
            token: token, csrfToken: Self.csrfToken(forSessionToken: token),
            expiresAt: Date(timeIntervalSince1970: Timestamp.seconds(now) + Double(policy.absoluteTimeout)),
            cookie: policy.cookie)
    }

    /// The live session of the cookie `token` at `now`, or `nil` when it is unknown, revoked, expired
    /// (idle or absolute), or its user is disabled. Writes last-seen at most once per
    /// ``SessionPolicy/touchInterval``.
    public func resolve(token: String, now: Date) throws -> ActiveSession? {
        guard Self.isPlausible(token) else { return nil }
        let rows = try connection.query(Self.resolveSQL, [SHA256.hash(token)])
        guard let row = rows.first else { return nil }
        return try session(row, token: token, now: now)
    }

    /// A read that runs in the same statement as a session's look-up: ``resolve(token:now:alongWith:)``. Build it
    /// once (at start-up), not per request.
    public struct CompanionRead: Sendable {
        let sql: String

        /// `companion` is trusted SQL without parameters (never user input) that selects for the session's company,
        /// which it names `principal.company_id` (and the user `principal.user_id`), e.g.
        /// `SELECT … FROM companies WHERE companies.id = principal.company_id`.
        public init(_ companion: String, shape: CompanionShape = .besideEachRow) {
            sql = PrincipalCompanion.sql(
                lookUp: SessionStore.principalSQL, columns: SessionStore.principalColumnList, companion: companion,
                shape: shape)
        }
    }

    /// Like ``resolve(token:now:)``, and in the SAME statement (one round trip instead of two) the rows of
    /// `companion`. Returns nil exactly when ``resolve(token:now:)`` would; otherwise the session and the
    /// companion's rows in its order (read their columns by name; the session's columns beside them are all named
    /// `session_…`), none when the companion has none.
    public func resolve(
        token: String, now: Date, alongWith companion: CompanionRead
    ) throws -> (session: ActiveSession, rows: [PostgresRow])? {
        guard Self.isPlausible(token) else { return nil }
        let rows = try connection.query(companion.sql, [SHA256.hash(token)])
        guard let (row, companionRows) = try PrincipalCompanion.split(rows),
            let session = try session(row, token: token, now: now)
        else { return nil }
        return (session, companionRows)
    }

    /// The session of the cookie token whose SHA-256 is `$1`, with its user (not disabled) and membership.
    private static let principalSQL = """
        SELECT s.user_id, s.company_id, u.email, m.role, s.created_at, s.last_seen_at, s.expires_at,
               s.second_factor_at
        FROM sessions s
        JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
        JOIN memberships m ON m.user_id = s.user_id AND m.company_id = s.company_id
        WHERE s.id = $1 AND s.revoked_at IS NULL
        """

    /// The columns ``session(_:token:now:)`` reads, from the CTE `principal` (``principalSQL``).
    private static let principalColumnList = [
        "principal.user_id AS session_user_id", "principal.company_id AS session_company_id",
        "principal.email AS session_email", "principal.role AS session_role",
        "extract(epoch FROM principal.created_at)::float8 AS session_created_at",
        "extract(epoch FROM principal.last_seen_at)::float8 AS session_last_seen_at",
        "extract(epoch FROM principal.expires_at)::float8 AS session_expires_at",
        "principal.second_factor_at IS NOT NULL AS session_second_factor",
    ]

    private static let principalColumns = principalColumnList.joined(separator: ", ")

    /// The look-up alone.
    private static let resolveSQL = "WITH principal AS (\(principalSQL)) SELECT \(principalColumns) FROM principal"

    /// The session of a look-up's row; nil when it expired. Touches last-seen when due.
    private func session(_ row: PostgresRow, token: String, now: Date) throws -> ActiveSession? {
        let created = try row.double("session_created_at")
        let lastSeen = try row.double("session_last_seen_at")
        let status = policy.status(
            createdAt: Int(created.rounded(.down)), lastSeenAt: Int(lastSeen.rounded(.down)),
            now: Timestamp.whole(now))
        switch status {
        case .expired:
            return nil
        case .active(let touch):
            if touch {
                try connection.execute(
                    """
                    UPDATE sessions SET last_seen_at = to_timestamp(\(Timestamp.seconds(now)))
                    WHERE id = \(SHA256.hash(token))
                    """)
            }
        }
        let principal = Principal(
            userID: UserID(try row.string("session_user_id")),
            email: try EmailAddress.stored(try row.string("session_email")),
            companyID: CompanyID(try row.string("session_company_id")),
            role: try Role.stored(try row.string("session_role")),
            method: .session, secondFactor: try row.bool("session_second_factor"))
        return ActiveSession(
            principal: principal, csrfToken: Self.csrfToken(forSessionToken: token),
            createdAt: Date(timeIntervalSince1970: created), expiresAt: try Timestamp.date(row, "session_expires_at"))
    }

    /// Marks the live session of `token` as verified by a second factor; false when there is none.
    @discardableResult
    public func confirmSecondFactor(token: String, now: Date) throws -> Bool {
        guard Self.isPlausible(token) else { return false }
        return try connection.execute(
            """
            UPDATE sessions SET second_factor_at = to_timestamp(\(Timestamp.seconds(now)))
            WHERE id = \(SHA256.hash(token)) AND revoked_at IS NULL
            """) == 1
    }

    /// Ends the session of `token` (logout); `false` when there was no live session.
    @discardableResult
    public func revoke(token: String, now: Date) throws -> Bool {
        guard Self.isPlausible(token) else { return false }
        return try connection.execute(
            """
            UPDATE sessions SET revoked_at = to_timestamp(\(Timestamp.seconds(now)))
            WHERE id = \(SHA256.hash(token)) AND revoked_at IS NULL
            """) == 1
    }

    /// Ends every session of `userID` (logout everywhere), except the one of `keeping` if given (after a
    /// password change, the session that made it); returns how many were live.
    @discardableResult
    public func revokeAll(of userID: UserID, except keeping: String? = nil, now: Date) throws -> Int {
        guard UUIDText.isValid(userID.rawValue) else { return 0 }
        let kept = keeping.map(SHA256.hash) ?? []
        return try connection.execute(
            """
            UPDATE sessions SET revoked_at = to_timestamp(\(Timestamp.seconds(now)))
            WHERE user_id = \(userID)::uuid AND revoked_at IS NULL AND id <> \(kept)
            """)
    }

    /// Deletes sessions that expired or were revoked before `cutoff` (for the jobs process); returns how many.
    @discardableResult
    public func prune(before cutoff: Date) throws -> Int {
        let at = Timestamp.seconds(cutoff)
        return try connection.execute(
            "DELETE FROM sessions WHERE expires_at < to_timestamp(\(at)) OR revoked_at < to_timestamp(\(at))")
    }

    /// The CSRF token of the session whose cookie token is `token`.
    public static func csrfToken(forSessionToken token: String) -> String {
        Base64.encode(
            HMAC.sha256(key: Array(token.utf8), message: Array("codezero-csrf".utf8)), alphabet: .url, padding: false)
    }

    /// Whether `token` has the shape of a session token (43 base64url characters); others are not looked up.
    static func isPlausible(_ token: String) -> Bool {
        token.utf8.count == 43
            && token.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }
}

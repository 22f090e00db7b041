public import Domain
public import Postgres
import Signing

/// Single-use tokens mailed to a user (`account_tokens`, 0040/0095): e-mail verification, password reset and
/// e-mail change.
/// Only the token's SHA-256 is stored; a token is used at most once and only before it expires.
public struct AccountTokenStore {
    /// What a token allows.
    public enum Purpose: String, Sendable {
        /// Confirms that the user reads mail at `email`.
        case verifyEmail = "verify_email"
        /// Sets a new password.
        case passwordReset = "password_reset"
        /// Changes the user's address to the token's `email` (mailed there, so opening it proves the address).
        case changeEmail = "change_email"
    }

    /// A consumed token: whose it was and the address it was mailed to.
    public struct Redemption: Sendable, Equatable {
        /// The user.
        public let userID: UserID
        /// The address the token was sent to.
        public let email: String
    }

    let connection: PostgresConnection

    /// A store on `connection` (inside the caller's transaction when one is open).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Issues a token for `userID` valid for `lifetime` seconds and returns it (the only time it exists
    /// outside the mail). Earlier unused tokens of the same purpose for that user stop working.
    public func issue(_ purpose: Purpose, userID: UserID, email: String, lifetime: Int) throws -> String {
        let token = SecureRandom.token(bytes: 32)
        try connection.execute(
            """
            UPDATE account_tokens SET used_at = now()
            WHERE user_id = \(userID)::uuid AND purpose = \(purpose.rawValue) AND used_at IS NULL
            """)
        try connection.execute(
            """
            INSERT INTO account_tokens (token_hash, purpose, user_id, email, expires_at)
            VALUES (\(SHA256.hash(token)), \(purpose.rawValue), \(userID)::uuid, \(email),
                    now() + \(lifetime)::int8 * interval '1 second')
            """)
        return token
    }

    /// Uses `token` for `purpose`: nil when it is unknown, used, expired or of another purpose.
    public func redeem(_ token: String, purpose: Purpose) throws -> Redemption? {
        guard !token.isEmpty, token.utf8.count <= 200 else { return nil }
        return try connection.query(
            """
            UPDATE account_tokens SET used_at = now()
            WHERE token_hash = \(SHA256.hash(token)) AND purpose = \(purpose.rawValue) AND used_at IS NULL
              AND expires_at > now()
            RETURNING user_id::text AS user_id, email
            """
        ).first.map { Redemption(userID: UserID(try $0.string("user_id")), email: try $0.string("email")) }
    }

    /// Password-reset tokens issued for `userID` within the last `seconds` (for the rate limit).
    public func recentCount(_ purpose: Purpose, userID: UserID, seconds: Int) throws -> Int {
        try connection.query(
            """
            SELECT count(*)::int8 AS n FROM account_tokens
            WHERE user_id = \(userID)::uuid AND purpose = \(purpose.rawValue)
              AND created_at > now() - \(seconds)::int8 * interval '1 second'
            """)[0].int("n")
    }
}

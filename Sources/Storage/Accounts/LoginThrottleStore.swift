public import Domain
public import Foundation
public import Postgres

/// Login failures per account key (the e-mail as typed, trimmed and lower-cased, whether or not such a user
/// exists) and per client address key (``LoginThrottle/addressKey(_:)``: IPv6 by /64), judged by the pure
/// ``LoginThrottle`` policy.
public struct LoginThrottleStore {
    /// The connection used.
    public let connection: PostgresConnection
    /// The policy applied.
    public let policy: LoginThrottle

    /// A store on `connection` applying `policy`.
    public init(connection: PostgresConnection, policy: LoginThrottle = LoginThrottle()) {
        self.connection = connection
        self.policy = policy
    }

    /// The account key of a typed e-mail: trimmed, lower case, at most 320 characters.
    public static func accountKey(_ email: String) -> String {
        String(email.trimmedWhitespace.lowercased().prefix(320))
    }

    /// Whether a login for `email` from `ip` may be checked at `now`.
    public func decide(email: String, ip: String?, now: Date) throws -> LoginThrottle.Decision {
        let ip = ip.map(LoginThrottle.addressKey)
        let since = Timestamp.seconds(now) - Double(policy.window)
        let row = try connection.query(
            """
            SELECT count(*) FILTER (WHERE email = \(Self.accountKey(email))) AS account_count,
                   extract(epoch FROM max(failed_at) FILTER (WHERE email = \(Self.accountKey(email))))::float8
                       AS account_latest,
                   count(*) FILTER (WHERE ip = \(ip)) AS address_count,
                   extract(epoch FROM max(failed_at) FILTER (WHERE ip = \(ip)))::float8 AS address_latest
            FROM login_failures
            WHERE failed_at > to_timestamp(\(since)) AND (email = \(Self.accountKey(email)) OR ip = \(ip))
            """)[0]
        return policy.decide(
            account: try Self.failures(row, "account"), address: try Self.failures(row, "address"),
            now: Timestamp.whole(now))
    }

    /// Records a failed login for `email` from `ip` at `now`.
    public func recordFailure(email: String, ip: String?, now: Date) throws {
        let address = ip.map { String(LoginThrottle.addressKey($0).prefix(64)) }
        try connection.execute(
            """
            INSERT INTO login_failures (email, ip, failed_at)
            VALUES (\(Self.accountKey(email)), \(address), to_timestamp(\(Timestamp.seconds(now))))
            """)
    }

    /// Forgets the failures of `email` (after a successful login).
    public func clear(email: String) throws {
        try connection.execute("DELETE FROM login_failures WHERE email = \(Self.accountKey(email))")
    }

    /// Deletes failures older than the window (for the jobs process); returns how many.
    @discardableResult
    public func prune(now: Date) throws -> Int {
        let since = Timestamp.seconds(now) - Double(policy.window)
        return try connection.execute("DELETE FROM login_failures WHERE failed_at <= to_timestamp(\(since))")
    }

    private static func failures(_ row: PostgresRow, _ key: String) throws -> LoginThrottle.Failures {
        let latest = try row.optionalDouble(key + "_latest").map { Int($0.rounded(.down)) }
        return LoginThrottle.Failures(count: try row.int(key + "_count"), latest: latest)
    }
}

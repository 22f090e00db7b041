public import Domain
public import Foundation
public import Postgres
import Signing

/// Staff TOTP enrolments, recovery codes and wrong-code throttling (`sql/0071_staff_second_factor.sql`).
///
/// Replay protection is one conditional UPDATE (``accept(step:userID:confirming:)``): a step is accepted only
/// when it is later than the last one accepted, so two concurrent requests with the same code cannot both pass.
public struct SecondFactorStore {
    /// A user's TOTP enrolment.
    public struct Enrolment: Sendable, Hashable {
        /// The shared secret.
        public let secret: [UInt8]
        /// Whether the first code confirmed it.
        public let confirmed: Bool
    }

    /// Wrong codes allowed per user within ``failureWindow`` before further attempts are refused.
    public static let failureLimit = 5
    /// The throttle window in seconds.
    public static let failureWindow = 15 * 60

    /// The connection it works on.
    public let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The enrolment of `userID`, nil when there is none.
    public func enrolment(of userID: UserID) throws -> Enrolment? {
        let rows = try connection.query(
            """
            SELECT secret, confirmed_at IS NOT NULL AS confirmed FROM staff_second_factors
            WHERE user_id = \(userID)::uuid
            """)
        return try rows.first.map { Enrolment(secret: try $0.bytes("secret"), confirmed: try $0.bool("confirmed")) }
    }

    /// Starts (or restarts) an unconfirmed enrolment with `secret`; false when a confirmed one exists.
    public func begin(userID: UserID, secret: [UInt8]) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO staff_second_factors (user_id, secret) VALUES (\(userID)::uuid, \(secret))
            ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now(), last_step = 0
                WHERE staff_second_factors.confirmed_at IS NULL
            """) == 1
    }

    /// Accepts TOTP step `step` for `userID` when it is later than the last accepted one (else it is a replay);
    /// `confirming` also confirms a pending enrolment. True when accepted.
    public func accept(step: Int64, userID: UserID, confirming: Bool) throws -> Bool {
        try connection.execute(
            """
            UPDATE staff_second_factors
            SET last_step = \(step),
                confirmed_at = CASE WHEN \(confirming) THEN coalesce(confirmed_at, now()) ELSE confirmed_at END
            WHERE user_id = \(userID)::uuid AND last_step < \(step)
              AND (confirmed_at IS NOT NULL OR \(confirming))
            """) == 1
    }

    /// Replaces the user's recovery codes with `codes` (stored as SHA-256 of their normal form).
    public func replaceRecoveryCodes(userID: UserID, codes: [String]) throws {
        try connection.execute("DELETE FROM staff_recovery_codes WHERE user_id = \(userID)::uuid")
        for code in codes {
            try connection.execute(
                """
                INSERT INTO staff_recovery_codes (user_id, code_hash)
                VALUES (\(userID)::uuid, \(SHA256.hash(Self.normalized(code))))
                """)
        }
    }

    /// Uses recovery code `code` once; false when it is unknown or was used.
    public func useRecoveryCode(userID: UserID, code: String) throws -> Bool {
        try connection.execute(
            """
            UPDATE staff_recovery_codes SET used_at = now()
            WHERE user_id = \(userID)::uuid AND code_hash = \(SHA256.hash(Self.normalized(code))) AND used_at IS NULL
            """) == 1
    }

    /// Unused recovery codes left.
    public func recoveryCodesLeft(userID: UserID) throws -> Int {
        try connection.query(
            """
            SELECT count(*)::int8 AS n FROM staff_recovery_codes WHERE user_id = \(userID)::uuid AND used_at IS NULL
            """)[0].int("n")
    }

    /// Whether `userID` gave too many wrong codes within the window ending at `now`.
    public func isThrottled(userID: UserID, now: Date) throws -> Bool {
        let rows = try connection.query(
            """
            SELECT count(*)::int8 AS n FROM second_factor_failures
            WHERE user_id = \(userID)::uuid
              AND at > to_timestamp(\(Timestamp.seconds(now))) - \(Self.failureWindow) * interval '1 second'
            """)
        return try rows[0].int("n") >= Self.failureLimit
    }

    /// Records a wrong code.
    public func recordFailure(userID: UserID, now: Date) throws {
        try connection.execute(
            """
            INSERT INTO second_factor_failures (user_id, at) VALUES (\(userID)::uuid, to_timestamp(\(Timestamp.seconds(now))))
            """)
    }

    /// Deletes failures older than the window (for the jobs process's pruning); returns how many.
    @discardableResult
    public func prune(now: Date) throws -> Int {
        try connection.execute(
            """
            DELETE FROM second_factor_failures
            WHERE at < to_timestamp(\(Timestamp.seconds(now))) - \(Self.failureWindow) * interval '1 second'
            """)
    }

    /// A recovery code's normal form: lower case, without spaces and hyphens.
    static func normalized(_ code: String) -> String {
        String(code.lowercased().filter { $0 != " " && $0 != "-" })
    }
}

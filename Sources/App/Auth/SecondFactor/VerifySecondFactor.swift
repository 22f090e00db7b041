import Domain
import Foundation
import Logging
import Postgres
import Signing
import Storage

/// A staff member gives a TOTP code (±1 step of 30 s, never a step used before) or a single-use recovery code;
/// on success the session is verified for staff routes. `confirming` is the first code of an enrolment: it
/// confirms it and issues 10 recovery codes. Throttled: after 5 wrong codes in 15 minutes nothing is checked.
/// One transaction; every attempt is audited. A refused code throws ``SecondFactorRefusal`` after that
/// transaction committed, so the failure counted for the throttle and its audit entry stay.
struct VerifySecondFactor {
    let connection: PostgresConnection
    let logger: Logger

    /// Recovery codes issued per enrolment.
    static let recoveryCodeCount = 10

    func run(
        principal: Principal, code rawCode: String, sessionToken: String, confirming: Bool, now: Date, ip: String?,
        requestID: String
    ) throws -> [String] {
        let outcome = try connection.transaction { transaction in
            let store = SecondFactorStore(connection: transaction)
            let outcome = try decide(
                store, principal: principal, code: rawCode, confirming: confirming, now: now)
            if case .success = outcome {
                try SessionStore(connection: transaction).confirmSecondFactor(token: sessionToken, now: now)
            } else if outcome == .failure(.wrongCode) {
                try store.recordFailure(userID: principal.userID, now: now)
            }
            let result: AuditEntry.Outcome =
                switch outcome {
                case .success: .success
                case .failure(.throttled): .denied
                case .failure: .failure
                }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: principal, action: AuditAction(confirming ? "second_factor.confirm" : "second_factor.verify"),
                    ip: ip, outcome: result, details: ["request_id": requestID]))
            logger.info(
                "second factor checked",
                metadata: ["user.id": "\(principal.userID)", "second_factor.outcome": "\(result.rawValue)"])
            return outcome
        }
        return try outcome.get()
    }

    private func decide(
        _ store: SecondFactorStore, principal: Principal, code rawCode: String, confirming: Bool, now: Date
    ) throws -> Result<[String], SecondFactorRefusal> {
        let user = principal.userID
        if try store.isThrottled(userID: user, now: now) { return .failure(.throttled) }
        guard let enrolment = try store.enrolment(of: user) else { return .failure(.notEnrolled) }
        if confirming && enrolment.confirmed { return .failure(.alreadyEnrolled) }
        if !confirming && !enrolment.confirmed { return .failure(.notEnrolled) }
        let code = rawCode.trimmedWhitespace
        let unixTime = Int64(now.timeIntervalSince1970.rounded(.down))
        if code.count == TOTP.digits && code.allSatisfy(\.isASCII) && code.allSatisfy(\.isNumber) {
            guard let step = TOTP.matchingStep(secret: enrolment.secret, code: code, at: unixTime),
                try store.accept(step: step, userID: user, confirming: confirming)
            else { return .failure(.wrongCode) }
        } else {
            // Recovery codes only stand in for a confirmed factor.
            guard !confirming, try store.useRecoveryCode(userID: user, code: code) else {
                return .failure(.wrongCode)
            }
            return .success([])
        }
        guard confirming else { return .success([]) }
        let codes = (0..<Self.recoveryCodeCount).map { _ in Self.recoveryCode() }
        try store.replaceRecoveryCodes(userID: user, codes: codes)
        return .success(codes)
    }

    /// A recovery code: 10 base32 characters (50 random bits) as `xxxxx-xxxxx`, lower case.
    static func recoveryCode() -> String {
        let text = Base32.encode(SecureRandom.bytes(count: 7)).prefix(10).lowercased()
        return String(text.prefix(5)) + "-" + String(text.suffix(5))
    }
}

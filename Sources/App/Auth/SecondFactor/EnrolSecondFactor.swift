import Domain
import Logging
import Postgres
import Signing
import Storage

/// A staff member starts (or restarts) TOTP enrolment: a new 20-byte secret, shown once as text and as the
/// `otpauth://` URI of the QR code; it counts only after the first code confirms it (``VerifySecondFactor``).
struct EnrolSecondFactor {
    /// What enrolment gives: the secret (base32) and the provisioning URI for the QR code.
    struct Enrolment: Equatable {
        let secret: String
        let uri: String
    }

    /// The issuer shown in authenticator apps.
    static let issuer = "Code Zero"

    let connection: PostgresConnection
    let logger: Logger

    /// Starts the enrolment; throws ``SecondFactorRefusal/alreadyEnrolled`` (nothing written) when a confirmed
    /// one exists, which cannot be replaced here.
    func run(principal: Principal, ip: String?, requestID: String) throws -> Enrolment {
        let secret = SecureRandom.bytes(count: 20)
        return try connection.transaction { transaction in
            guard try SecondFactorStore(connection: transaction).begin(userID: principal.userID, secret: secret)
            else { throw SecondFactorRefusal.alreadyEnrolled }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: principal, action: AuditAction("second_factor.enrol"), ip: ip,
                    details: ["request_id": requestID]))
            logger.info("second factor enrolment started", metadata: ["user.id": "\(principal.userID)"])
            return Enrolment(
                secret: Base32.encode(secret),
                uri: TOTP.provisioningURI(secret: secret, account: principal.email.description, issuer: Self.issuer))
        }
    }
}

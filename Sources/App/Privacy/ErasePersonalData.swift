import Domain
import Foundation
import Logging
import Postgres
import Signing
import Storage
import Web

/// Erasure (Art. 17 GDPR): `POST /api/v1/me/erase` (the caller, re-authenticated with the password; the company
/// too when the caller is its owner or last member) and `POST /api/v1/admin/companies/{id}/erase`. One
/// transaction: the erasure (``ErasureStore``), its record and an audit entry.
/// Refusals are ``ErasureRefusal``s.
struct ErasePersonalData {
    let connection: PostgresConnection
    let logger: Logger

    /// The caller erases themselves; `password` must be theirs (wrong ones count as sign-in failures).
    func eraseSelf(principal: Principal, password: String, ip: String?, requestID: String, now: Date) throws -> JSON {
        let throttle = LoginThrottleStore(connection: connection)
        let key = principal.email.normalized
        if case .retryAfter(let seconds) = try throttle.decide(email: key, ip: ip, now: now) {
            throw ErasureRefusal.throttled(retryAfter: seconds)
        }
        guard let hash = try AccountStore(connection: connection).passwordHash(of: principal.userID),
            PasswordHash.verify(password: password, against: hash)
        else {
            try throttle.recordFailure(email: key, ip: ip, now: now)
            throw ErasureRefusal.wrongPassword
        }
        return try connection.transaction { db in
            let company = principal.companyID.rawValue
            let team = try TeamStore(connection: db).headcount(of: principal.companyID, owner: principal.userID)
            let wholeCompany = team.members <= 1 || team.isOwner
            let outcome = try ErasureStore(connection: db).erase(
                companyID: company, scope: wholeCompany ? .company : .user,
                userID: wholeCompany ? nil : principal.userID.rawValue, requestedBy: principal.userID.rawValue,
                via: "self")
            return try finish(
                outcome, connection: db, actor: principal.userID, company: principal.companyID, ip: ip,
                requestID: requestID)
        }
    }

    /// An admin erases company `companyID`.
    func eraseCompany(_ companyID: String, admin: Principal, ip: String?, requestID: String) throws -> JSON {
        try connection.transaction { db in
            let outcome = try ErasureStore(connection: db).erase(
                companyID: companyID, scope: .company, userID: nil, requestedBy: admin.userID.rawValue, via: "admin")
            return try finish(
                outcome, connection: db, actor: admin.userID, company: CompanyID(companyID), ip: ip,
                requestID: requestID)
        }
    }

    func finish(
        _ outcome: ErasureStore.Outcome, connection db: PostgresConnection, actor: UserID, company: CompanyID,
        ip: String?, requestID: String
    ) throws -> JSON {
        switch outcome {
        case .notFound: throw ErasureRefusal.noSuchCompany
        case .operatorCompany: throw ErasureRefusal.operatorCompany
        case .alreadyErased: throw ErasureRefusal.alreadyErased
        case .blocked(let blockers):
            throw ErasureRefusal.blocked(
                openInvoices: blockers.openInvoices, activeSubscriptions: blockers.activeSubscriptions)
        case .erased(let recordID, let erased, let kept):
            try AuditLog(connection: db).append(
                AuditEntry(
                    actor: actor, companyID: company, action: AuditAction("privacy.erase"), target: recordID, ip: ip,
                    outcome: .success, details: ["request_id": requestID]))
            logger.notice("personal data erased", metadata: ["erasure.id": "\(recordID)"])
            var counts = JSONObject()
            for key in erased.keys.sorted() { counts[key] = .int(Int64(erased[key] ?? 0)) }
            return [
                "erasure_id": .string(recordID), "erased": .object(counts),
                "kept": try JSON.parse(Array(kept.utf8)),
            ]
        }
    }
}

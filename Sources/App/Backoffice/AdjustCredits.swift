import Domain
import Foundation
import Logging
import Postgres
import Storage

/// Finance staff add or take credits from a company by hand (a ledger `adjustment` with its required reason),
/// never below a zero balance; audited with actor and request id in the same transaction.
struct AdjustCredits {
    let connection: PostgresConnection
    let logger: Logger

    func run(
        companyID: CompanyID, delta: Int, reason: String, actor: Principal, requestID: String, ip: String?
    ) throws -> CreditLedger.Adjustment {
        guard UUID(uuidString: companyID.rawValue) != nil else { return .unknownCompany }
        return try connection.transaction { transaction in
            let outcome = try CreditLedger(connection: transaction).adjust(
                companyID: companyID.rawValue, delta: delta, note: reason)
            guard case .adjusted = outcome else { return outcome }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    actor: actor.userID, companyID: companyID, action: .admin("credits.adjust"),
                    target: companyID.rawValue, ip: ip, outcome: .success,
                    details: [
                        "request_id": requestID, "delta": "\(delta)", "reason": reason, "auth": actor.method.rawValue,
                    ]))
            logger.notice(
                "credits adjusted", metadata: ["company.id": "\(companyID.rawValue)", "credits.delta": "\(delta)"])
            return outcome
        }
    }
}

import Domain
import Jobs
import Logging
import Storage

/// What happens when a configurator order is paid: the fulfilment is recorded in the audit log, where
/// operations pick it up (provisioning itself is a human process for these services).
enum OrderFulfilment {
    /// Records the fulfilment of paid order `orderID`; a missing or unpaid order fails the job for good.
    static func fulfil(orderID: String, orders: OrderStore, audit: AuditLog, logger: Logger) throws {
        guard let order = try orders.order(anyID: orderID) else {
            throw JobsError.permanentFailure("order \(orderID) does not exist")
        }
        guard order.status == .paid else { throw JobsError.permanentFailure("order \(orderID) is not paid") }
        try audit.append(
            AuditEntry(
                actor: nil, companyID: order.companyID, action: AuditAction("order.fulfil"), target: orderID, ip: nil,
                outcome: .success))
        logger.info("order fulfilment recorded", metadata: ["order.id": "\(orderID)"])
    }
}

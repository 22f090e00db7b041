import Domain
import Postgres
import Storage

/// An admin creates a package, add-on or credit pack (a monthly one with its first plan price) and the audit row in
/// one transaction: the one use case behind `POST /api/v1/admin/catalog/…` and the back office's "new item" forms.
struct CreateCatalogItem {
    let connection: PostgresConnection

    /// `item` must be validated already (`item.validate()` empty); `.idTaken` writes nothing.
    func run(
        _ item: NewCatalogItem, plan: PlanPrice?, actor: Principal, requestID: String, ip: String?
    ) throws -> CatalogEditor.Creation {
        try connection.transaction { transaction in
            let creation = try CatalogEditor(connection: transaction).create(
                item, plan: plan, actor: actor.userID, requestID: requestID)
            guard creation == .created else { return creation }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: actor, action: .admin("catalog.create"), target: "\(item.kind.rawValue):\(item.id)", ip: ip,
                    details: ["request_id": requestID, "net_cents": "\(item.netCents)"]))
            return creation
        }
    }
}

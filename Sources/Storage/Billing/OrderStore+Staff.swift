import Domain
import Postgres

/// Any company's order: for the back office (staff only; the App checks the role) and the jobs process, which acts
/// on ids it enqueued itself — never for a client's id (use ``order(id:companyID:)``).
extension OrderStore {
    /// The order with this id, whichever company placed it.
    public func order(anyID id: String) throws -> OrderRecord? {
        guard UUIDText.isValid(id) else { return nil }
        let rows = try connection.query("SELECT \(unescaped: Self.columns) FROM orders WHERE id = \(id)::uuid")
        return try rows.first.map(record)
    }
}

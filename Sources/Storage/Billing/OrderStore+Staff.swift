import Domain

/// The back office's read of any company's order (staff only; the App checks the role).
extension OrderStore {
    /// The order with this id, whichever company placed it.
    public func order(anyID id: String) throws -> OrderRecord? {
        guard UUIDText.isValid(id) else { return nil }
        let rows = try connection.query("SELECT \(unescaped: Self.columns) FROM orders WHERE id = \(id)::uuid")
        return try rows.first.map(record)
    }
}

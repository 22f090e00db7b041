import Domain

/// Decoding the billing tables' text columns into their types at the store boundary: a value the schema's
/// CHECK constraints would refuse is a corrupt row (``StorageError/invalidStoredValue(_:)``), never a string
/// handed on.
protocol StoredValue {
    /// Decodes the stored text.
    init?(storedText: String)
    /// Names the column in errors.
    static var storedName: String { get }
}

extension StoredValue {
    /// The value stored as `text`.
    static func stored(_ text: String) throws -> Self {
        guard let value = Self(storedText: text) else { throw StorageError.invalidStoredValue(storedName) }
        return value
    }
}

extension OrderStatus: StoredValue {
    init?(storedText: String) { self.init(rawValue: storedText) }
    static var storedName: String { "orders.status" }
}

extension PaymentProvider: StoredValue {
    init?(storedText: String) { self.init(rawValue: storedText) }
    static var storedName: String { "provider" }
}

extension BillingInterval: StoredValue {
    init?(storedText: String) { self.init(rawValue: storedText) }
    static var storedName: String { "billing_interval" }
}

extension QuoteLine.Kind: StoredValue {
    init?(storedText: String) { self.init(rawValue: storedText) }
    static var storedName: String { "order_lines.kind" }
}

extension Currency: StoredValue {
    init?(storedText: String) { try? self.init(code: storedText) }
    static var storedName: String { "currency" }
}

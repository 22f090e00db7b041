/// A purchase listing whose rows do not have the shape ``PurchaseJSON/list(_:)`` writes.
enum PurchaseListError: Error {
    /// The result has no column of this name.
    case missingColumn(String)
    /// The column holds NULL or something else than an integer.
    case notAnInteger(String)
}

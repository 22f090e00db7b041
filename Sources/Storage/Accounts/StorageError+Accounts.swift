extension StorageError.Code {
    /// A stored value breaks an invariant its writer guaranteed (a corrupt or hand-edited row).
    public static let invalidStoredValue = StorageError.Code(name: "invalidStoredValue")
    /// Hashing a password failed (scrypt out of memory or unacceptable parameters).
    public static let passwordHashingFailed = StorageError.Code(name: "passwordHashingFailed")
}

extension StorageError {
    /// A row whose `column` holds a value its writer could not have written.
    static func invalidStoredValue(_ column: String) -> StorageError {
        StorageError(code: .invalidStoredValue, message: "stored \(column) is not valid")
    }
}

/// The most common passwords, which ``PasswordPolicy`` refuses (OWASP ASVS 6.2.4).
///
/// The list ships with the project in ``packed`` (see `CommonPasswords+List.swift` for its origin);
/// it is parsed into a set on first use and compared in lower case.
public enum CommonPasswords {
    /// Every entry, lower case, each at least 8 characters long.
    public static let entries: Set<String> = Set(packed.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Whether `password`, in lower case, is on the list.
    public static func contains(_ password: String) -> Bool {
        entries.contains(password.lowercased())
    }
}

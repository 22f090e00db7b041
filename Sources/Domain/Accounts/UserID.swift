/// The identifier of a user (a UUID in its canonical text form).
public struct UserID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The UUID text, e.g. `0b3e…`.
    public let rawValue: String

    /// Wraps an identifier read from storage or a trusted source.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Orders by the text.
    public static func < (lhs: UserID, rhs: UserID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The UUID text.
    public var description: String { rawValue }
}

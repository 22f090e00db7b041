/// The identifier of a company (a UUID in its canonical text form).
public struct CompanyID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The UUID text, e.g. `0b3e…`.
    public let rawValue: String

    /// Wraps an identifier read from storage or a trusted source.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Orders by the text.
    public static func < (lhs: CompanyID, rhs: CompanyID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The UUID text.
    public var description: String { rawValue }
}

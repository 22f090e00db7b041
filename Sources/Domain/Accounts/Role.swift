/// What a person may do: the role a membership or a staff account carries.
///
/// `client` people act for a buying company on its own data; `finance` and `admin` are Code Zero staff.
/// ``Authorization`` is the one place that turns a role into permissions.
public enum Role: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A person acting for a buying company: its orders, purchases, credits and tokens.
    case client
    /// Code Zero finance staff: the finance API (purchases, receipts, refunds) across companies.
    case finance
    /// Code Zero administrators: everything, including the admin API and the audit log.
    case admin

    /// Parses `client`, `finance` or `admin` (exact, lower case); anything else is `nil`.
    public init?(name: String) {
        self.init(rawValue: name)
    }

    /// Whether this is a staff role (`finance` or `admin`).
    public var isStaff: Bool { self != .client }

    /// The role's name as stored and shown in the API.
    public var description: String { rawValue }
}

/// Every field problem of rejected account input (a sign-up, a new password), in form order; the App answers
/// 422 with them.
public struct RegistrationErrors: Error, Sendable, Hashable {
    /// The problems, at least one.
    public let fields: [FieldError]

    /// Wraps the problems found.
    public init(_ fields: [FieldError]) {
        self.fields = fields
    }

    /// The names of the fields with problems.
    public var fieldNames: [String] { fields.map(\.field) }
}

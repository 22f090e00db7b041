/// Why a page template does not compile: the template's name, the byte offset and what is wrong.
public struct TemplateSyntaxError: Error, CustomStringConvertible, Sendable {
    /// The template.
    public let template: String
    /// The byte offset of the problem.
    public let offset: Int
    /// What is wrong.
    public let reason: String

    /// A description for the start-up error message.
    public var description: String { "\(template).mustache at byte \(offset): \(reason)" }
}

/// Why the test infrastructure could not be set up; thrown so that the test fails with this reason.
public struct TestSupportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for the test log.
    public var message: String

    /// Creates an error with a message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { "TestSupportError: \(message)" }
}

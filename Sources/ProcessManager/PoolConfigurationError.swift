/// Everything wrong with a pool configuration, each problem named by its environment key.
public struct PoolConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One invalid setting.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The environment variable, e.g. `CODEZERO_PM_MAX_SPARE`.
        public var key: String
        /// What is wrong with its value.
        public var message: String

        /// Creates a problem for `key`.
        public init(key: String, message: String) {
            self.key = key
            self.message = message
        }

        /// `KEY: message`.
        public var description: String { "\(key): \(message)" }
    }

    /// The problems, in the order the keys were checked.
    public var problems: [Problem]

    /// Creates an error from its problems.
    public init(problems: [Problem]) { self.problems = problems }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

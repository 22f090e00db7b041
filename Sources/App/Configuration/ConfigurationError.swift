/// Everything wrong with a configuration, each problem naming its key.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// One problem: the variable and what is wrong with it.
    public struct Problem: Sendable, Equatable {
        /// The environment variable, e.g. `CODEZERO_WORKERS`.
        public var key: String
        /// What is wrong, safe to print (never echoes a secret).
        public var message: String
    }

    /// All problems found, in key order.
    public var problems: [Problem]

    public var description: String {
        problems.map { "\($0.key): \($0.message)" }.joined(separator: "\n")
    }
}

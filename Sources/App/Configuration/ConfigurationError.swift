public import Settings

/// Everything wrong with a configuration, each problem naming its key.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// One problem: the variable and what is wrong with it.
    public typealias Problem = SettingsProblem

    /// All problems found, in key order.
    public var problems: [Problem]

    public var description: String {
        problems.map { "\($0.key): \($0.message)" }.joined(separator: "\n")
    }
}

public import Settings

/// Everything wrong with a pool configuration, each problem named by its environment key.
public struct PoolConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One invalid setting.
    public typealias Problem = SettingsProblem

    /// The problems, in the order the keys were checked.
    public var problems: [Problem]

    /// Creates an error from its problems.
    public init(problems: [Problem]) { self.problems = problems }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

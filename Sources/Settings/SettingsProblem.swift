/// One invalid setting: the environment variable and what is wrong with its value.
public struct SettingsProblem: Sendable, Equatable, CustomStringConvertible {
    /// The environment variable, e.g. `CODEZERO_STOP_TIMEOUT`.
    public var key: String
    /// What is wrong, safe to print (never echoes a secret).
    public var message: String

    /// A problem with `key`.
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    /// `KEY: message`.
    public var description: String { "\(key): \(message)" }
}

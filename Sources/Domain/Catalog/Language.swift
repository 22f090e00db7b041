/// A language the site is written in.
public enum Language: String, Sendable, Hashable, CaseIterable {
    /// German, the default.
    case de
    /// English.
    case en
}

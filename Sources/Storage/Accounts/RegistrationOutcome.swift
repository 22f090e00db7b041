/// What ``AccountStore/register(_:ip:)`` did.
public enum RegistrationOutcome: Sendable, Hashable {
    /// The company and its owner were created.
    case registered(Account)
    /// A user with this e-mail (ignoring case) already exists; nothing was written (the App answers 409).
    case emailTaken
}

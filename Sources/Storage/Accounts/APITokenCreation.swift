/// What ``APITokenStore/create(name:for:ip:now:)`` did.
public enum APITokenCreation: Sendable, Hashable {
    /// The token was created; show ``IssuedAPIToken/token`` once.
    case created(IssuedAPIToken)
    /// The name is blank or longer than ``APITokenStore/maximumNameLength`` characters (the App answers 422).
    case invalidName
}

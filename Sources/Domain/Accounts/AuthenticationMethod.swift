/// How a request proved who it is; decides whether a write needs a CSRF token.
public enum AuthenticationMethod: String, Sendable, Hashable {
    /// The session cookie: state-changing requests need the CSRF token.
    case session
    /// A personal API token in `Authorization: Bearer …`: no CSRF token needed (not sent by browsers
    /// on their own).
    case apiToken = "token"

    /// Whether a state-changing request authenticated this way must carry a valid CSRF token.
    public var requiresCSRFToken: Bool { self == .session }
}

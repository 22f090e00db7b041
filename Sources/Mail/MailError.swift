/// What can go wrong while building or delivering a mail.
public enum MailError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An address that is not a plain `local@domain` (or contains CR, LF or other control characters).
    case invalidAddress(String)
    /// A header value that cannot be used (e.g. an empty subject).
    case invalidHeader(String)
    /// A template that does not exist or does not render.
    case template(String)
    /// A value a template needs is missing or has the wrong type.
    case missingValue(String)
    /// `CODEZERO_SMTP_URL` (or the CA file) cannot be used; the text never contains the password.
    case invalidEndpoint(String)
    /// The server refused the mail for good (5xx): FAILED, with the server's reply.
    case permanent(reply: String)
    /// A 4xx reply, a network or TLS problem, a timeout: try again later.
    case transient(reply: String)

    public var description: String {
        switch self {
        case .invalidAddress(let reason): return "invalid address: \(reason)"
        case .invalidHeader(let reason): return "invalid header: \(reason)"
        case .template(let reason): return "template: \(reason)"
        case .missingValue(let name): return "missing template value \(name)"
        case .invalidEndpoint(let reason): return "CODEZERO_SMTP_URL: \(reason)"
        case .permanent(let reply): return "permanent failure: \(reply)"
        case .transient(let reply): return "temporary failure: \(reply)"
        }
    }
}

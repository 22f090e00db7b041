internal import COpenSSL

/// Everything that can go wrong in the Signing module.
public enum SigningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Parameters outside what the algorithm or this module accepts (a programming or configuration error).
    case invalidParameters(String)
    /// An OpenSSL call failed; `code` is OpenSSL's packed error code (`ERR_get_error`), 0 if none was queued.
    case openSSL(call: String, code: UInt)

    /// A description without secrets.
    public var description: String {
        switch self {
        case .invalidParameters(let reason): "invalid parameters: \(reason)"
        case .openSSL(let call, let code): "\(call) failed (OpenSSL error \(code))"
        }
    }

    /// The failure of `call`, taking (and clearing) OpenSSL's error queue.
    static func openSSLFailure(_ call: String) -> SigningError {
        let code = ERR_get_error()
        ERR_clear_error()
        return .openSSL(call: call, code: UInt(code))
    }
}

import Domain
import Postgres
import Signing
import Storage

/// The account stores of one worker, created on first use (the authenticator hashes a dummy password once,
/// which costs a few hundred milliseconds: not at worker start-up, and not per request).
final class AccountServices {
    let connection: PostgresConnection
    let passwordParameters: PasswordHash.Parameters
    private var cachedAuthenticator: Authenticator?

    init(connection: PostgresConnection, passwordParameters: PasswordHash.Parameters) {
        self.connection = connection
        self.passwordParameters = passwordParameters
    }

    var authenticator: Authenticator {
        if let cachedAuthenticator { return cachedAuthenticator }
        let made = Authenticator(connection: connection, passwordParameters: passwordParameters)
        cachedAuthenticator = made
        return made
    }

    var accounts: AccountStore { AccountStore(connection: connection, passwordParameters: passwordParameters) }
    var sessions: SessionStore { SessionStore(connection: connection) }
    var tokens: APITokenStore { APITokenStore(connection: connection) }
    var audit: AuditLog { AuditLog(connection: connection) }
}

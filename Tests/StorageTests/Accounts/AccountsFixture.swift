import Domain
import Foundation
import Postgres
import Signing
import Storage
import TestSupport
import Testing

/// A migrated throwaway database with the account stores on it, cheap scrypt parameters (the parameters are
/// tested on their own), and a fake clock.
struct AccountsFixture {
    static let cheap = PasswordHash.Parameters(logN: 4, r: 8, p: 1)
    static let password = "Lange Passphrase 42"
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    let database: TestDatabase
    let connection: PostgresConnection
    let accounts: AccountStore

    init() throws {
        database = try TestDatabase.makeMigrated()
        connection = database.connect()
        accounts = AccountStore(connection: connection, passwordParameters: Self.cheap)
    }

    func authenticator(
        session: SessionPolicy = .standard, throttle: LoginThrottle = LoginThrottle(),
        parameters: PasswordHash.Parameters = cheap
    ) -> Authenticator {
        Authenticator(
            connection: connection, sessionPolicy: session, throttlePolicy: throttle, passwordParameters: parameters)
    }

    /// Registers a company with its owner and returns the account.
    @discardableResult
    func register(
        _ email: String, company: String = "Muster GmbH", country: String = "DE", vatId: String? = nil,
        password: String = password
    ) throws -> Account {
        let registration = try Registration.validate(
            email: email, password: password, companyName: company, country: country, vatId: vatId
        ).get()
        guard case .registered(let account) = try accounts.register(registration, ip: "203.0.113.7") else {
            throw TestFailure("registration of \(email) refused")
        }
        return account
    }

    /// The audit rows of `action`, oldest first, as (outcome, actor, company, target, details).
    func audit(_ action: AuditAction) throws -> [AuditRecord] {
        try AuditLog(connection: connection).list(limit: 500).filter { $0.entry.action == action }.reversed()
    }

    func count(_ table: String) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM \(identifier: table)")[0].int("n")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

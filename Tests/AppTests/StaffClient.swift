import Foundation
import Signing
import Storage
import TestSupport
import Web

@testable import App

/// Staff clients for route tests: a staff user created like `codezero user create`, signed in, with the second
/// factor enrolled and confirmed through the API (the real flow), or a session marked verified directly where a
/// test signs in many times (the TOTP replay rule allows one sign-in per 30-second step).
extension TestClient {
    static let staffPassword = "a much longer staff passphrase"

    /// A new staff user `email` of `role` (`admin` or `finance`), signed in; with `secondFactor`, enrolled and
    /// confirmed through `/api/v1/auth/second-factor/*`. The TOTP secret is kept in ``totpSecret``.
    static func staff(
        _ application: Application, database: TestDatabase, role: String, email: String, secondFactor: Bool = true
    ) -> TestClient {
        let status = CommandLineInterface.createUser(
            connectionString: database.connectionString, email: email, role: role, password: staffPassword,
            passwordCostLogN: 10)
        precondition(status == 0, "could not create \(email)")
        let client = TestClient(application)
        client.signIn(email: email, password: staffPassword)
        if secondFactor { client.enrolSecondFactor() }
        return client
    }

    /// Signs in with e-mail and password (no second factor yet).
    func signIn(email: String, password: String = TestClient.staffPassword) {
        let response = send(
            "POST", "/api/v1/auth/login", json: ["email": .string(email), "password": .string(password)])
        precondition(response.status == .ok, "sign-in of \(email) failed: \(response.status)")
    }

    /// Enrols and confirms TOTP with the current code; returns the recovery codes.
    @discardableResult
    func enrolSecondFactor() -> [String] {
        let enrolled = send("POST", "/api/v1/auth/second-factor/enrol")
        precondition(enrolled.status == .created, "enrolment failed: \(enrolled.status)")
        let secret = Base32.decode(enrolled.json["secret"]?.stringValue ?? "") ?? []
        totpSecret = secret
        let code = TOTP.code(secret: secret, counter: TOTP.step(at: Int64(Date().timeIntervalSince1970)))
        let confirmed = send("POST", "/api/v1/auth/second-factor/confirm", json: ["code": .string(code)])
        precondition(confirmed.status == .ok, "confirmation failed: \(confirmed.status) \(confirmed.json)")
        return confirmed.json["recovery_codes"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Marks this client's session as verified by a second factor in the database (fixture shortcut).
    func markSecondFactorVerified(_ database: TestDatabase) throws {
        guard let token = cookie?.split(separator: "=", maxSplits: 1).last.map(String.init) else {
            throw TestSupportError("not signed in")
        }
        _ = try SessionStore(connection: database.connect()).confirmSecondFactor(token: token, now: Date())
    }
}

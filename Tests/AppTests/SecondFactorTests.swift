import Domain
import Foundation
import Signing
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// The staff second factor through the API: enrolment with a server-rendered QR code, confirmation, recovery
/// codes, replay refusal, throttling, and tokens that inherit the verification of their session.
@Suite struct SecondFactorTests {
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    @Test func staffRoutesWaitForTheSecondFactorThenServe() throws {
        let harness = try BillingHarness()
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "ops@codezero.example",
            secondFactor: false)
        let refused = admin.send("GET", "/api/v1/admin/companies")
        #expect(refused.status == .forbidden)
        #expect(refused.json["code"] == .string("second_factor_required"))
        #expect(admin.send("GET", "/api/v1/me").status == .ok, "own-company routes work to enrol")
        // A token made now does not carry a second factor, even after the session gets one.
        let early = try #require(
            admin.send("POST", "/api/v1/auth/tokens", json: ["name": "early"]).json["token"]?.stringValue)

        let enrolled = admin.send("POST", "/api/v1/auth/second-factor/enrol")
        #expect(enrolled.status == .created)
        let secretText = try #require(enrolled.json["secret"]?.stringValue)
        let secret = try #require(Base32.decode(secretText))
        #expect(secret.count == 20)
        #expect(
            enrolled.json["otpauth_uri"]?.stringValue?.hasPrefix("otpauth://totp/Code%20Zero:ops@codezero.example?")
                == true)
        #expect(enrolled.json["qr_svg"]?.stringValue?.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") == true)

        let wrong = admin.send("POST", "/api/v1/auth/second-factor/confirm", json: ["code": "000000"])
        #expect(wrong.status == .unprocessableContent)
        #expect(wrong.json["errors"]?[0]?["field"] == .string("code"))
        #expect(admin.send("GET", "/api/v1/admin/companies").status == .forbidden)
        #expect(admin.send("POST", "/api/v1/auth/second-factor/verify", json: ["code": "123456"]).status == .conflict)

        let step = TOTP.step(at: Self.now())
        let confirmed = admin.send(
            "POST", "/api/v1/auth/second-factor/confirm",
            json: ["code": .string(TOTP.code(secret: secret, counter: step))])
        #expect(confirmed.status == .ok)
        let recovery = confirmed.json["recovery_codes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(recovery.count == 10 && Set(recovery).count == 10)
        #expect(admin.send("GET", "/api/v1/admin/companies").status == .ok)
        #expect(admin.send("POST", "/api/v1/auth/second-factor/enrol").status == .conflict)
        #expect(
            admin.send("POST", "/api/v1/auth/second-factor/confirm", json: ["code": "123456"]).status == .conflict)

        // Tokens: one made by the verified session works for staff routes; the early one never does.
        let verifiedToken = try #require(
            admin.send("POST", "/api/v1/auth/tokens", json: ["name": "ci"]).json["token"]?.stringValue)
        let api = TestClient(harness.application)
        api.bearer = verifiedToken
        #expect(api.send("GET", "/api/v1/admin/companies").status == .ok)
        api.bearer = early
        #expect(api.send("GET", "/api/v1/admin/companies").status == .forbidden)

        // A second session: the code just used is a replay; the next step's code passes.
        let second = TestClient(harness.application)
        second.signIn(email: "ops@codezero.example")
        #expect(second.send("GET", "/api/v1/admin/companies").status == .forbidden)
        let replay = second.send(
            "POST", "/api/v1/auth/second-factor/verify",
            json: ["code": .string(TOTP.code(secret: secret, counter: step))])
        #expect(replay.status == .unprocessableContent)
        let next = second.send(
            "POST", "/api/v1/auth/second-factor/verify",
            json: ["code": .string(TOTP.code(secret: secret, counter: step + 1))])
        #expect(next.status == .ok)
        #expect(second.send("GET", "/api/v1/admin/companies").status == .ok)

        // Recovery codes: once each.
        let third = TestClient(harness.application)
        third.signIn(email: "ops@codezero.example")
        #expect(
            third.send("POST", "/api/v1/auth/second-factor/verify", json: .object(["code": .string(recovery[0])]))
                .status == .ok)
        let fourth = TestClient(harness.application)
        fourth.signIn(email: "ops@codezero.example")
        #expect(
            fourth.send(
                "POST", "/api/v1/auth/second-factor/verify", json: .object(["code": .string(recovery[0].uppercased())])
            ).status == .unprocessableContent)
        #expect(fourth.send("GET", "/api/v1/auth/second-factor").json["recovery_codes_left"] == .int(9))

        let actions = try AuditLog(connection: harness.database.connect()).list(limit: 200).map(\.entry.action.name)
        for action in ["second_factor.enrol", "second_factor.confirm", "second_factor.verify"] {
            #expect(actions.contains(action))
        }
    }

    @Test func wrongCodesAreThrottled() throws {
        let harness = try BillingHarness()
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        let other = TestClient(harness.application)
        other.signIn(email: "fin@codezero.example")
        for _ in 0..<5 {
            #expect(
                other.send("POST", "/api/v1/auth/second-factor/verify", json: ["code": "999999"]).status
                    == .unprocessableContent)
        }
        let good = TOTP.code(secret: admin.totpSecret, counter: TOTP.step(at: Self.now()) + 1)
        let throttled = other.send("POST", "/api/v1/auth/second-factor/verify", json: .object(["code": .string(good)]))
        #expect(throttled.status == .tooManyRequests)
        #expect(other.send("GET", "/api/v1/finance/purchases").status == .forbidden)
    }

    @Test func clientsTokensAndBadBodiesAreRefused() throws {
        let harness = try BillingHarness()
        let client = harness.buyer("anna@example.com")
        #expect(client.send("POST", "/api/v1/auth/second-factor/enrol").status == .forbidden)
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "ops@codezero.example",
            secondFactor: false)
        #expect(admin.send("POST", "/api/v1/auth/second-factor/confirm", json: [:]).status == .badRequest)
        #expect(admin.send("POST", "/api/v1/auth/second-factor/confirm", json: ["code": 123_456]).status == .badRequest)
        #expect(admin.send("POST", "/api/v1/auth/second-factor/enrol", csrf: false).status == .forbidden)
        #expect(
            try SecondFactorStore(connection: harness.database.connect()).enrolment(
                of: UserID(try #require(admin.send("GET", "/api/v1/me").json["user"]?["id"]?.stringValue))) == nil)
        #expect(
            TestClient(harness.application).send("POST", "/api/v1/auth/second-factor/enrol").status == .unauthorized)
    }
}

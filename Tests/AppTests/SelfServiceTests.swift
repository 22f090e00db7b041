import Foundation
import Postgres
import TestSupport
import Testing
import Web

@testable import App

/// Changing one's own password and e-mail address through the API (issue #14, DESIGN §14): the current password
/// is required, other sessions end, notices are mailed; a new address counts once the link mailed there is
/// opened; bad input (wrong password, taken or invalid address, a used token) is a clear 4xx that changes nothing.
@Suite struct SelfServiceTests {
    let mail = try! AccountMailTests()
    static let password = "correct horse battery"

    func count(_ sql: String) throws -> Int {
        try mail.database.connect().query("SELECT count(*)::bigint AS n FROM \(unescaped: sql)")[0].int("n")
    }

    func signIn(_ email: String, _ password: String = Self.password) -> (TestClient, Response) {
        let client = TestClient(mail.application)
        let response = client.send(
            "POST", "/api/v1/auth/login", json: ["email": .string(email), "password": .string(password)])
        return (client, response)
    }

    @Test func changingThePasswordEndsOtherSessionsAndMailsANotice() throws {
        let anna = TestClient(mail.application)
        #expect(anna.register(email: "anna@example.com").status == .created)
        let (laptop, signedIn) = signIn("anna@example.com")
        #expect(signedIn.status == .ok)
        // Wrong current password or a weak new one: 422 naming the field, nothing changes.
        let wrong = anna.send(
            "POST", "/api/v1/me/password",
            json: ["current_password": "nope nope nope", "new_password": "ein ganz neues Passwort"])
        #expect(wrong.status == .unprocessableContent)
        #expect(wrong.json["errors"]?[0]?["field"] == "current_password")
        let weak = anna.send(
            "POST", "/api/v1/me/password",
            json: ["current_password": .string(Self.password), "new_password": "password"])
        #expect(weak.status == .unprocessableContent && weak.json["errors"]?[0]?["field"] == "new_password")
        #expect(laptop.send("GET", "/api/v1/me").status == .ok)
        #expect(try count("mail_outbox WHERE template = 'password-changed'") == 0)
        // A bearer token cannot change its user's password.
        let token = anna.send("POST", "/api/v1/auth/tokens", json: ["name": "ci"]).json["token"]?.stringValue
        let robot = TestClient(mail.application)
        robot.bearer = token
        let byToken = robot.send(
            "POST", "/api/v1/me/password",
            json: ["current_password": .string(Self.password), "new_password": "ein ganz neues Passwort"])
        #expect(byToken.status == .unauthorized || byToken.status == .forbidden)

        let changed = anna.send(
            "POST", "/api/v1/me/password",
            json: ["current_password": .string(Self.password), "new_password": "ein ganz neues Passwort"])
        #expect(changed.status == .noContent, "\(changed.json)")
        #expect(anna.send("GET", "/api/v1/me").status == .ok, "this session stays")
        #expect(laptop.send("GET", "/api/v1/me").status == .unauthorized, "the other session ended")
        #expect(signIn("anna@example.com").1.status == .unauthorized)
        #expect(signIn("anna@example.com", "ein ganz neues Passwort").1.status == .ok)
        #expect(try count("mail_outbox WHERE template = 'password-changed' AND recipient = 'anna@example.com'") == 1)
    }

    @Test func aNewAddressCountsOnceTheLinkMailedThereIsOpened() throws {
        let anna = TestClient(mail.application)
        #expect(anna.register(email: "anna@example.com").status == .created)
        #expect(TestClient(mail.application).register(email: "bert@example.com").status == .created)
        let cases: [(JSON, HTTPStatus, String)] = [
            (["password": "falsch falsch", "new_email": "anna@neu.example"], .unprocessableContent, "password"),
            (["password": .string(Self.password), "new_email": "kein-at"], .unprocessableContent, "new_email"),
            (
                ["password": .string(Self.password), "new_email": "ANNA@example.com"], .unprocessableContent,
                "new_email"
            ),
            (["password": .string(Self.password), "new_email": "Bert@Example.com"], .conflict, "new_email"),
        ]
        for (body, status, field) in cases {
            let refused = anna.send("POST", "/api/v1/me/email", json: body)
            #expect(refused.status == status, "\(body): \(refused.json)")
            #expect(refused.json["errors"]?[0]?["field"] == .string(field), "\(body)")
        }
        #expect(try count("account_tokens WHERE purpose = 'change_email'") == 0)
        #expect(try count("mail_outbox WHERE template = 'email-change'") == 0)

        let requested = anna.send(
            "POST", "/api/v1/me/email", json: ["password": .string(Self.password), "new_email": "anna@neu.example"])
        #expect(requested.status == .accepted)
        // Nothing changes before the link is opened.
        #expect(signIn("anna@example.com").1.status == .ok)
        let token = try #require(try mail.mailedToken("email-change", to: "anna@neu.example"))
        let confirmed = TestClient(mail.application).send(
            "POST", "/api/v1/me/email/confirm", json: ["token": .string(token)])
        #expect(confirmed.status == .noContent, "\(confirmed.json)")
        #expect(anna.send("GET", "/api/v1/me").json["user"]?["email"] == "anna@neu.example")
        #expect(signIn("anna@example.com").1.status == .unauthorized)
        #expect(signIn("anna@neu.example").1.status == .ok)
        #expect(
            try count(
                "mail_outbox WHERE template = 'email-changed' AND recipient = 'anna@example.com'") == 1)
        #expect(try count("users WHERE email = 'anna@neu.example' AND email_verified_at IS NOT NULL") == 1)
        // The link works once.
        let again = TestClient(mail.application).send(
            "POST", "/api/v1/me/email/confirm", json: ["token": .string(token)])
        #expect(again.status == .unprocessableContent)
    }

    @Test func anAddressTakenBeforeTheLinkIsOpenedChangesNothing() throws {
        let anna = TestClient(mail.application)
        #expect(anna.register(email: "anna@example.com").status == .created)
        #expect(
            anna.send(
                "POST", "/api/v1/me/email",
                json: ["password": .string(Self.password), "new_email": "frei@example.com"]
            ).status == .accepted)
        let token = try #require(try mail.mailedToken("email-change", to: "frei@example.com"))
        #expect(TestClient(mail.application).register(email: "frei@example.com").status == .created)
        let confirmed = TestClient(mail.application).send(
            "POST", "/api/v1/me/email/confirm", json: ["token": .string(token)])
        #expect(confirmed.status == .conflict)
        #expect(anna.send("GET", "/api/v1/me").json["user"]?["email"] == "anna@example.com")
        #expect(try count("mail_outbox WHERE template = 'email-changed'") == 0)
    }
}

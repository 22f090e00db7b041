import Foundation
import Jobs
import Logging
import Mail
import Postgres
import TestSupport
import Testing
import Web

@testable import App

/// The mailed-link flows through the API: registration mails a verification link that confirms the address
/// (buying needs it); a reset link sets a new password once and ends every session; unknown addresses get
/// the same answer and no mail.
@Suite struct AccountMailTests {
    let database: TestDatabase
    let application: Application
    let configuration: Configuration

    init() throws {
        database = try TestDatabase.makeMigrated()
        configuration = Configuration(
            varDirectory: NSTemporaryDirectory() + "codezero-accountmail-\(UUID().uuidString)",
            publicURL: "https://shop.example", passwordCostLogN: 10)
        application = try TestApplication.make(
            connectionString: database.connectionString, configuration: configuration)
    }

    /// Runs the mail jobs, then returns the token of the newest `template` mail to `email`.
    func mailedToken(_ template: String, to email: String) throws -> String? {
        var logger = Logger(label: "codezero.test.mail")
        logger.logLevel = .critical
        let runner = JobRunner(connection: database.connect(), logger: logger)
        MailJobs.register(on: runner, configuration: configuration, logger: logger)
        _ = try runner.runOnce()
        let folder = MailJobs.mailFolder(configuration)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let matching = files.filter { $0.hasSuffix("-\(template).eml") }
            .sorted { Int($0.split(separator: "-")[0])! > Int($1.split(separator: "-")[0])! }
        for file in matching {
            let text = MailOutboxTests.quotedPrintableDecoded(
                try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8))
            guard text.contains("<\(email)>"), let range = text.range(of: "?token=") else { continue }
            return String(text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        return nil
    }

    @Test func theVerificationLinkConfirmsTheAddressOnce() throws {
        let client = TestClient(application)
        #expect(client.register(email: "anna@example.com").status == .created)
        #expect(
            client.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1"]).status
                == .conflict)
        let token = try #require(try mailedToken("verify-email", to: "anna@example.com"))
        #expect(client.send("POST", "/api/v1/auth/verify-email", json: ["token": .string(token)]).status == .noContent)
        #expect(
            client.send("POST", "/api/v1/auth/verify-email", json: ["token": .string(token)]).status
                == .unprocessableContent)
        #expect(
            client.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1"]).status
                == .created)
        // The row no longer holds the link once delivered.
        let stored = try database.connect().query(
            "SELECT count(*)::int8 AS n FROM mail_outbox WHERE message IS NOT NULL AND template = 'verify-email'")
        #expect(try stored[0].int("n") == 0)
    }

    @Test func aResetSetsTheNewPasswordOnceAndEndsEverySession() throws {
        let owner = TestClient(application)
        #expect(owner.register(email: "bert@example.com").status == .created)
        #expect(owner.send("GET", "/api/v1/me").status == .ok)
        let anonymous = TestClient(application)
        let accepted = anonymous.send("POST", "/api/v1/auth/password-reset", json: ["email": "BERT@example.com"])
        #expect(accepted.status == .accepted)
        let unknown = anonymous.send("POST", "/api/v1/auth/password-reset", json: ["email": "nobody@example.com"])
        #expect(unknown.status == .accepted && unknown.body == accepted.body)
        let token = try #require(try mailedToken("password-reset", to: "bert@example.com"))
        #expect(try mailedToken("password-reset", to: "nobody@example.com") == nil)

        let weak = anonymous.send(
            "POST", "/api/v1/auth/password-reset/confirm", json: ["token": .string(token), "password": "short"])
        #expect(weak.status == .unprocessableContent)
        let confirm = anonymous.send(
            "POST", "/api/v1/auth/password-reset/confirm",
            json: ["token": .string(token), "password": "a brand new passphrase"])
        #expect(confirm.status == .noContent)
        #expect(owner.send("GET", "/api/v1/me").status == .unauthorized, "the old session is ended")
        let again = anonymous.send(
            "POST", "/api/v1/auth/password-reset/confirm",
            json: ["token": .string(token), "password": "another new passphrase"])
        #expect(again.status == .unprocessableContent)
        #expect(
            TestClient(application).send(
                "POST", "/api/v1/auth/login", json: ["email": "bert@example.com", "password": "correct horse battery"]
            ).status == .unauthorized)
        #expect(
            TestClient(application).send(
                "POST", "/api/v1/auth/login", json: ["email": "bert@example.com", "password": "a brand new passphrase"]
            ).status == .ok)
    }

    @Test(arguments: [
        #"{"token": ""}"#, #"{"token": 5}"#, #"{}"#, #"{"token": "nope"}"#,
    ])
    func badTokensAreRefused(body: String) throws {
        let response = application.respond(
            parameters: TestApplication.parameters(
                "POST", "/api/v1/auth/verify-email", contentType: "application/json", contentLength: body.utf8.count),
            body: Array(body.utf8), bodyTooLarge: false
        ).response
        #expect([400, 422].contains(response.status.code))
    }

    @Test func resetMailsAreLimitedPerHour() throws {
        #expect(TestClient(application).register(email: "carla@example.com").status == .created)
        for _ in 0..<5 {
            #expect(
                TestClient(application).send(
                    "POST", "/api/v1/auth/password-reset", json: ["email": "carla@example.com"]
                )
                .status == .accepted)
        }
        let rows = try database.connect().query(
            "SELECT count(*)::int8 AS n FROM mail_outbox WHERE template = 'password-reset'")
        #expect(try rows[0].int("n") == AccountMails.resetsPerHour)
    }
}

import Foundation
import Mail
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Support requests (issue 13 item 7): a client opens one about its own invoice, staff answer, both see the thread,
/// every message enqueues the other side's mail in the same transaction; company isolation; bad input writes
/// nothing; OPEN → ANSWERED → CLOSED and reopening.
@Suite struct SupportRoutesTests {
    static func count(_ connection: PostgresConnection, _ table: String) throws -> Int {
        try connection.query("SELECT count(*)::bigint AS n FROM \(unescaped: table)")[0].int("n")
    }

    static func mails(_ connection: PostgresConnection, _ template: String) throws -> [(String, String)] {
        try connection.query(
            "SELECT recipient, language FROM mail_outbox WHERE template = \(template) ORDER BY id"
        ).map { (try $0.string("recipient"), try $0.string("language")) }
    }

    @Test func aClientAsksAboutItsInvoiceAndStaffAnswer() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let anna = harness.buyer("anna@example.com")
        let bert = harness.buyer("bert@example.com")
        let invoice = try InvoiceRoutesTests.paidInvoice(anna)
        let opened = anna.send(
            "POST", "/api/v1/support/requests",
            json: [
                "subject": "Frage zu dieser Rechnung", "message": "Hallo,\nstimmt der Betrag?",
                "invoice_id": .string(invoice), "language": "en",
            ])
        #expect(opened.status == .created, "\(opened.json)")
        let id = try #require(opened.json["request"]?["id"]?.stringValue)
        #expect(opened.json["request"]?["status"] == "open")
        #expect(opened.json["request"]?["invoice_number"]?.stringValue?.hasPrefix("CZ-") == true)
        #expect(opened.json["messages"]?.arrayValue?.count == 1)
        let operatorMails = try Self.mails(connection, "support-request")
        #expect(operatorMails.count == 1)
        #expect(operatorMails.first?.0 == harness.application.services.configuration.mail.leadsTo.address)

        // Bert's company sees nothing of it.
        #expect(bert.send("GET", "/api/v1/support/requests").json["requests"]?.arrayValue?.isEmpty == true)
        #expect(bert.send("GET", "/api/v1/support/requests/\(id)").status == .notFound)
        #expect(
            bert.send("POST", "/api/v1/support/requests/\(id)/messages", json: ["message": "Hallo"]).status
                == .notFound)
        #expect(bert.send("POST", "/api/v1/support/requests/\(id)/close").status == .notFound)
        // Nor can Bert ask about Anna's invoice.
        let foreign = bert.send(
            "POST", "/api/v1/support/requests",
            json: ["subject": "Fremd", "message": "Text", "invoice_id": .string(invoice)])
        #expect(foreign.status == .unprocessableContent)
        #expect(try Self.count(connection, "support_requests") == 1)

        // Staff answer: ANSWERED, the client is mailed in the request's language, audited.
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "ops@codezero.example")
        let listed = admin.send("GET", "/api/v1/admin/support/requests?status=open")
        #expect(listed.json["requests"]?.arrayValue?.map { $0["id"]?.stringValue } == [id])
        #expect(listed.json["requests"]?.arrayValue?.first?["opened_by"] == "anna@example.com")
        let answered = admin.send(
            "POST", "/api/v1/admin/support/requests/\(id)/messages", json: ["message": "Ja, der Betrag stimmt."])
        #expect(answered.status == .created, "\(answered.json)")
        #expect(answered.json["request"]?["status"] == "answered")
        #expect(try Self.mails(connection, "support-answer").map { "\($0.0) \($0.1)" } == ["anna@example.com en"])
        let thread = anna.send("GET", "/api/v1/support/requests/\(id)")
        #expect(thread.json["messages"]?.arrayValue?.map { $0["from_staff"] } == [false, true])
        #expect(thread.json["messages"]?.arrayValue?.last?["author"] == nil, "clients do not see staff addresses")

        // The client closes; staff can no longer answer; a client message reopens it and mails staff again.
        #expect(anna.send("POST", "/api/v1/support/requests/\(id)/close").json["request"]?["status"] == "closed")
        #expect(anna.send("POST", "/api/v1/support/requests/\(id)/close").status == .conflict)
        #expect(
            admin.send("POST", "/api/v1/admin/support/requests/\(id)/messages", json: ["message": "Noch da?"]).status
                == .conflict)
        let reopened = anna.send("POST", "/api/v1/support/requests/\(id)/messages", json: ["message": "Doch noch"])
        #expect(reopened.json["request"]?["status"] == "open")
        #expect(try Self.mails(connection, "support-request").count == 2)
        #expect(admin.send("POST", "/api/v1/admin/support/requests/\(id)/close").status == .ok)
        let audit = try AuditLog(connection: connection).list(limit: 50).map(\.entry)
        let answer = try #require(audit.first { $0.action.name == "admin.support.answer" })
        #expect(answer.target == id && answer.details["request_id"] != nil && answer.actor != nil)
        #expect(audit.contains { $0.action.name == "admin.support.close" && $0.target == id })

        // Clients are not staff.
        #expect(anna.send("GET", "/api/v1/admin/support/requests").status == .forbidden)
    }

    @Test func badInputIsRefusedAndWritesNothing() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let anna = harness.buyer("anna@example.com")
        let cases: [JSON] = [
            [:], ["subject": "", "message": "x"], ["subject": "x", "message": "   "],
            ["subject": .string(String(repeating: "a", count: 201)), "message": "x"],
            ["subject": "x", "message": .string(String(repeating: "a", count: 10_001))],
            ["subject": "Zeile\nzwei", "message": "x"], ["subject": "x", "message": "NUL\u{0}"],
            ["subject": "x", "message": "x", "order_id": "nope"],
            ["subject": "x", "message": "x", "invoice_id": "00000000-0000-4000-8000-000000000000"],
            ["subject": "x", "message": "x", "order_id": "00000000-0000-4000-8000-000000000000"],
            [
                "subject": "x", "message": "x", "order_id": "00000000-0000-4000-8000-000000000000",
                "invoice_id": "00000000-0000-4000-8000-000000000001",
            ],
            ["subject": "x", "message": "x", "language": "fr"], ["subject": 5, "message": "x"],
        ]
        for body in cases {
            let response = anna.send("POST", "/api/v1/support/requests", json: body)
            #expect(response.status == .unprocessableContent, "\(body)")
            #expect(response.json["errors"]?.arrayValue?.isEmpty == false, "\(body)")
        }
        #expect(anna.send("GET", "/api/v1/support/requests?status=OPEN").status == .badRequest)
        #expect(anna.send("GET", "/api/v1/support/requests?limit=0").status == .badRequest)
        let ok = anna.send("POST", "/api/v1/support/requests", json: ["subject": "Frage", "message": "Text"])
        let id = try #require(ok.json["request"]?["id"]?.stringValue)
        #expect(
            anna.send("POST", "/api/v1/support/requests/\(id)/messages", json: ["message": ""]).status
                == .unprocessableContent)
        #expect(
            anna.send("POST", "/api/v1/support/requests/\(id)/messages", json: ["message": "a\u{7}"]).status
                == .unprocessableContent)
        #expect(anna.send("GET", "/api/v1/support/requests/not-a-uuid").status == .notFound)
        #expect(try Self.count(connection, "support_requests") == 1)
        #expect(try Self.count(connection, "support_messages") == 1)
        #expect(try Self.mails(connection, "support-request").count == 1)
    }

    @Test func newRequestsAreRateLimitedPerCompany() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        for number in 1...10 {
            let response = anna.send(
                "POST", "/api/v1/support/requests", json: ["subject": .string("Frage \(number)"), "message": "Text"])
            #expect(response.status == .created)
        }
        let limited = anna.send("POST", "/api/v1/support/requests", json: ["subject": "Frage 11", "message": "Text"])
        #expect(limited.status == .tooManyRequests)
        #expect(limited.headers["Retry-After"] != nil)
    }
}

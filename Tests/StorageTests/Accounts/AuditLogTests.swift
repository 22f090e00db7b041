import Domain
import Foundation
import Postgres
import Storage
import Testing

@Suite struct AuditLogTests {
    @Test(arguments: [
        "UPDATE audit_log SET outcome = 'success'", "UPDATE audit_log SET details = '{}' WHERE id = 1",
        "DELETE FROM audit_log", "DELETE FROM audit_log WHERE id = 1", "TRUNCATE audit_log",
    ])
    func theLogIsAppendOnly(statement: String) throws {
        let fixture = try AccountsFixture()
        let log = AuditLog(connection: fixture.connection)
        try log.append(AuditEntry(actor: nil, companyID: nil, action: .login, ip: "::1", outcome: .failure))
        do {
            try fixture.connection.execute(PostgresQuery(stringLiteral: statement))
            Issue.record("\(statement) was allowed")
        } catch let error as PostgresError {
            #expect(error.sqlState == "42501")
        }
        #expect(try fixture.count("audit_log") == 1)
        #expect(try log.list().first?.entry.outcome == .failure)
    }

    @Test func entriesRoundTripAndPageNewestFirst() throws {
        let fixture = try AccountsFixture()
        let first = try fixture.register("a@eins.de")
        let second = try fixture.register("b@zwei.de", company: "Zwei")
        let log = AuditLog(connection: fixture.connection)
        let admin = first.principal(method: .apiToken)
        for page in 0..<5 {
            try log.append(
                AuditEntry(
                    by: admin, action: .admin("companies.list"), target: "/api/v1/admin/companies", ip: "::1",
                    details: ["page": String(page), "quote": "\"ä\\"]))
        }
        let all = try log.list(limit: 100)
        #expect(all.count == 7)  // two registrations and five admin calls
        #expect(all.map(\.id) == all.map(\.id).sorted(by: >))
        #expect(all[0].entry.action.name == "admin.companies.list")
        #expect(all[0].entry.details == ["page": "4", "quote": "\"ä\\", "auth": "token"])
        #expect(all[0].entry.actor == first.user.id && all[0].entry.target == "/api/v1/admin/companies")
        let page = try log.list(before: all[1].id, limit: 2)
        #expect(page.map(\.id) == [all[2].id, all[3].id])
        let scoped = try log.list(companyID: second.company.id)
        #expect(scoped.map(\.entry.action) == [.register])
    }

    @Test func theDatabaseChecksActionAndOutcome() throws {
        let fixture = try AccountsFixture()
        for statement in [
            "INSERT INTO audit_log (action, outcome) VALUES ('Login', 'success')",
            "INSERT INTO audit_log (action, outcome) VALUES ('auth.login', 'maybe')",
            "INSERT INTO audit_log (action, outcome, details) VALUES ('auth.login', 'success', '[]')",
        ] {
            #expect(throws: PostgresError.self) {
                try fixture.connection.execute(PostgresQuery(stringLiteral: statement))
            }
        }
    }
}

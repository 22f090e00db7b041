import Foundation
import Postgres
import TestSupport
import Testing
import Web

@testable import App

/// Every statement the pages and lists run is planned once per worker: after its first executions PostgreSQL's plan
/// cache runs the generic plan of each prepared statement. One it plans anew on every execution instead — an optional
/// filter written `($1 IS NULL OR …)`, an `OFFSET` parameter where a company has few rows — cost the portal's invoice
/// page 0.65 ms of planning for 0.01 ms of execution, more of PostgreSQL's time than everything else the request
/// asked of it (issue #16).
@Suite struct PlanCacheTests {
    /// Who requests a route: a client for the portal's and the API's own company routes, staff (admin, second
    /// factor) for the back office and for the all-companies side of shared routes, both for routes either may use.
    static func callers(of access: RouteAccess) -> (client: Bool, staff: Bool) {
        switch access {
        case .anyone, .authenticated, .companyOrStaff, .session: return (true, true)
        case .signedInPage: return (true, false)
        case .staffSession, .staffPage, .financePage, .adminPage, .finance, .admin: return (false, true)
        case .stripe, .loopback: return (false, false)
        }
    }

    /// `pattern` with each `{parameter}` replaced by an id that exists nowhere.
    static func path(_ pattern: String) -> String {
        var path = ""
        var inParameter = false
        for character in pattern {
            switch character {
            case "{":
                inParameter = true
                path += "00000000-0000-4000-8000-000000000000"
            case "}": inParameter = false
            default: if !inParameter { path.append(character) }
            }
        }
        return path
    }

    /// Clients and staff each on a connection of their own, as a worker serves mostly one kind: on one connection the
    /// all-companies executions of a statement shared with the company's own would hide its replanning (their dearer
    /// custom plans make the generic plan look cheap on average).
    @Test func everyGETRouteRunsGenericPlansAfterWarmUp() throws {
        let harness = try BillingHarness()
        let buyerApplication = harness.application
        let staffApplication = try TestApplication.make(
            connectionString: harness.database.connectionString, configuration: harness.configuration)
        let buyer = harness.buyer("anna@example.com")
        let staff = TestClient.staff(
            staffApplication, database: harness.database, role: "admin", email: "admin@codezero.example")
        // Something in the lists: a support request of the buyer's company.
        let opened = buyer.send(
            "POST", "/api/v1/support/requests",
            json: ["subject": "Rechnung", "message": "Bitte prüfen Sie die Rechnung.", "language": "de"])
        #expect(opened.status == .created, "\(opened.json)")
        // Routes with path parameters get an id that names nothing: their look-ups run all the same (then 404).
        let routes = buyerApplication.routes.routes.filter { $0.method == .get && !$0.pattern.contains("logout") }
        #expect(routes.count >= 60)
        var requested = 0
        for route in routes {
            let (client, staffToo) = Self.callers(of: route.access)
            for caller in [client ? buyer : nil, staffToo ? staff : nil].compactMap({ $0 }) {
                // The client keeps one cookie: a page that sets another (consent) must not end the session.
                let session = caller.cookie
                for _ in 1...8 {
                    caller.send("GET", Self.path(route.pattern))
                    caller.cookie = session
                }
                requested += 1
            }
        }
        #expect(requested >= 100)
        for (who, application) in [("clients", buyerApplication), ("staff", staffApplication)] {
            let replanned = try application.services.database.query(
                """
                SELECT statement, custom_plans FROM pg_prepared_statements
                WHERE generic_plans = 0 AND custom_plans > 5 ORDER BY statement
                """)
            let statements = try replanned.map { "\(try $0.int("custom_plans"))× " + (try $0.string("statement")) }
            #expect(
                statements.isEmpty, "\(who): planned anew on every execution:\n\(statements.joined(separator: "\n\n"))")
        }
        // The guard sees what it guards: the portal's invoice and support lists ran on the clients' connection.
        let listed = try buyerApplication.services.database.query(
            """
            SELECT count(*)::bigint AS n FROM pg_prepared_statements
            WHERE (statement LIKE '%FROM invoices i LEFT JOIN invoices o%' OR statement LIKE '%FROM support_requests r%')
                AND generic_plans > 0
            """)[0].int("n")
        #expect(listed >= 2)
    }
}

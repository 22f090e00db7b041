import Domain
import Foundation
import Signing
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// The back office's pages (issue 13): sign-in, TOTP enrolment with the QR code and a first code, recovery
/// codes; companies, users, credits, incidents and the audit log; bad input answered with the fields' errors in
/// the page's language and nothing written; every action audited with actor and request id.
@Suite struct StaffPageTests {
    static let requestID = "0123456789abcdef0123456789abcdef"

    /// The value of the first `name="…" value="…"` hidden field in `html`.
    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func html(_ response: Response) -> String { String(decoding: response.body, as: UTF8.self) }

    static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\(PercentEncoding.encodeFormComponent($0.1))" }.joined(separator: "&")
    }

    /// Signs `email` in through the pages and enrols the second factor; returns the client and its CSRF token.
    static func signInAndEnrol(_ harness: BillingHarness, email: String, role: String) throws -> (TestClient, String) {
        #expect(
            CommandLineInterface.createUser(
                connectionString: harness.database.connectionString, email: email, role: role,
                password: TestClient.staffPassword, passwordCostLogN: 10) == 0)
        let client = TestClient(harness.application)
        let page = client.send("GET", "/admin/de/sign-in")
        let token = try #require(hidden("csrf_token", in: html(page)))
        let signedIn = client.send(
            "POST", "/admin/de/sign-in",
            form: form([("csrf_token", token), ("email", email), ("password", TestClient.staffPassword)]))
        #expect(signedIn.status == .seeOther)
        let factor = client.send("GET", "/admin/de/second-factor")
        let csrf = try #require(hidden("csrf_token", in: html(factor)))
        let enrolled = client.send(
            "POST", "/admin/de/second-factor", form: form([("csrf_token", csrf), ("action", "enrol")]))
        let secretText = try #require(
            html(enrolled).components(separatedBy: "id=\"totp-secret\">").last?.prefix { $0 != "<" })
        let secret = try #require(Base32.decode(String(secretText)))
        let code = TOTP.code(secret: secret, counter: TOTP.step(at: Int64(Date().timeIntervalSince1970)))
        let confirmed = client.send(
            "POST", "/admin/de/second-factor",
            form: form([("csrf_token", csrf), ("action", "confirm"), ("code", code)]))
        #expect(confirmed.status == .ok)
        return (client, csrf)
    }

    @Test func staffSignInWithPasswordThenEnrolTheSecondFactorOnThePages() throws {
        let harness = try BillingHarness()
        #expect(
            CommandLineInterface.createUser(
                connectionString: harness.database.connectionString, email: "ops@codezero.example", role: "admin",
                password: TestClient.staffPassword, passwordCostLogN: 10) == 0)
        let client = TestClient(harness.application)
        #expect(client.send("GET", "/admin/").headers["Location"] == "/admin/de/")
        let anonymous = client.send("GET", "/admin/de/companies")
        #expect(anonymous.status == .seeOther)
        #expect(anonymous.headers["Location"]?.hasPrefix("/admin/de/sign-in?next=") == true)

        let page = client.send("GET", "/admin/de/sign-in")
        #expect(page.status == .ok)
        #expect(page.headers["Cache-Control"] == "private, no-store")
        #expect(page.headers["X-Robots-Tag"]?.contains("noindex") == true)
        #expect(Self.html(page).contains("<meta name=\"robots\" content=\"noindex, nofollow\">"))
        let token = try #require(Self.hidden("csrf_token", in: Self.html(page)))

        let noToken = client.send(
            "POST", "/admin/de/sign-in", form: Self.form([("email", "ops@codezero.example"), ("password", "x")]))
        #expect(noToken.status == .forbidden)
        let empty = client.send(
            "POST", "/admin/de/sign-in", form: Self.form([("csrf_token", token), ("email", ""), ("password", "")]))
        #expect(empty.status == .unprocessableContent)
        #expect(Self.html(empty).contains("Bitte ausfüllen."))
        let wrong = client.send(
            "POST", "/admin/en/sign-in",
            form: Self.form([("csrf_token", token), ("email", "ops@codezero.example"), ("password", "wrong one")]))
        #expect(wrong.status == .unauthorized)
        #expect(Self.html(wrong).contains("The e-mail address or the password is wrong."))

        let signedIn = client.send(
            "POST", "/admin/de/sign-in",
            form: Self.form([
                ("csrf_token", token), ("email", "ops@codezero.example"), ("password", TestClient.staffPassword),
                ("next", "/admin/de/incidents"),
            ]))
        #expect(signedIn.status == .seeOther)
        #expect(signedIn.headers["Location"] == "/admin/de/second-factor?next=%2Fadmin%2Fde%2Fincidents")
        let unverified = client.send("GET", "/admin/de/companies")
        #expect(unverified.status == .seeOther)
        #expect(unverified.headers["Location"]?.hasPrefix("/admin/de/second-factor?next=") == true)

        let factor = client.send("GET", "/admin/de/second-factor?next=%2Fadmin%2Fde%2Fincidents")
        #expect(factor.status == .ok)
        let csrf = try #require(Self.hidden("csrf_token", in: Self.html(factor)))
        #expect(
            client.send("POST", "/admin/de/second-factor", form: Self.form([("action", "enrol")])).status
                == .forbidden, "no CSRF token")
        let enrolled = client.send(
            "POST", "/admin/de/second-factor", form: Self.form([("csrf_token", csrf), ("action", "enrol")]))
        #expect(enrolled.status == .created)
        let body = Self.html(enrolled)
        #expect(body.contains("<svg"), "the QR code is rendered here")
        #expect(!body.contains("https://"), "no third-party request for the QR code")
        let secretText = try #require(body.components(separatedBy: "id=\"totp-secret\">").last?.prefix { $0 != "<" })
        let secret = try #require(Base32.decode(String(secretText)))

        let bad = client.send(
            "POST", "/admin/de/second-factor",
            form: Self.form([("csrf_token", csrf), ("action", "confirm"), ("code", "")]))
        #expect(bad.status == .unprocessableContent)
        #expect(Self.html(bad).contains("Bitte geben Sie den 6-stelligen Code"))
        let step = TOTP.step(at: Int64(Date().timeIntervalSince1970))
        let wrongCode = TOTP.code(secret: secret, counter: step + 5)
        let refused = client.send(
            "POST", "/admin/de/second-factor",
            form: Self.form([("csrf_token", csrf), ("action", "confirm"), ("code", wrongCode)]))
        #expect(refused.status == .unprocessableContent)
        #expect(Self.html(refused).contains("Der Code ist falsch"))
        #expect(client.send("GET", "/admin/de/companies").status == .seeOther, "still not verified")

        let code = TOTP.code(secret: secret, counter: step)
        let confirmed = client.send(
            "POST", "/admin/de/second-factor",
            form: Self.form([
                ("csrf_token", csrf), ("action", "confirm"), ("code", code), ("next", "/admin/de/incidents"),
            ]))
        #expect(confirmed.status == .ok)
        #expect(Self.html(confirmed).components(separatedBy: "<li><code>").count == 11, "10 recovery codes")
        #expect(client.send("GET", "/admin/de/incidents").status == .ok)
        #expect(client.send("GET", "/admin/de/second-factor").status == .seeOther, "verified: on to the dashboard")

        let signedOut = client.send("POST", "/admin/de/sign-out", form: Self.form([("csrf_token", csrf)]))
        #expect(signedOut.status == .seeOther)
        #expect(client.send("GET", "/admin/de/companies").status == .seeOther)
    }

    @Test func aClientCannotSignInToTheBackOfficeNorSeeIt() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        #expect(buyer.send("GET", "/admin/de/").status == .forbidden)
        #expect(buyer.send("GET", "/admin/en/companies").status == .forbidden)
        let visitor = TestClient(harness.application)
        let token = try #require(Self.hidden("csrf_token", in: Self.html(visitor.send("GET", "/admin/en/sign-in"))))
        let refused = visitor.send(
            "POST", "/admin/en/sign-in",
            form: Self.form([
                ("csrf_token", token), ("email", "anna@example.com"), ("password", "correct horse battery"),
            ]))
        #expect(refused.status == .forbidden)
        #expect(Self.html(refused).contains("This account is not a staff account."))
        #expect(visitor.send("GET", "/api/v1/me").status == .unauthorized, "the client's session ended at once")
    }

    @Test func financeAdjustsCreditsOnTheCompanyPageWithFieldErrorsInThePageLanguage() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let company = try #require(buyer.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        let (finance, csrf) = try Self.signInAndEnrol(harness, email: "fin@codezero.example", role: "finance")
        let list = finance.send("GET", "/admin/de/companies")
        #expect(list.status == .ok)
        #expect(Self.html(list).contains("/admin/de/companies/\(company)"))
        let detail = finance.send("GET", "/admin/de/companies/\(company)")
        #expect(detail.status == .ok)
        #expect(Self.html(detail).contains("anna@example.com"))
        #expect(!Self.html(detail).contains("/disable"), "finance cannot disable users")
        #expect(finance.send("GET", "/admin/de/incidents").status == .forbidden, "incidents are admin-only")
        #expect(finance.send("GET", "/admin/de/companies/00000000-0000-4000-8000-000000000000").status == .notFound)

        let path = "/admin/de/companies/\(company)/credits"
        let noReason = finance.send(
            "POST", path, form: Self.form([("csrf_token", csrf), ("credits", "10"), ("reason", "  ")]))
        #expect(noReason.status == .unprocessableContent)
        #expect(Self.html(noReason).contains("Bitte ausfüllen."))
        let notANumber = finance.send(
            "POST", "/admin/en/companies/\(company)/credits",
            form: Self.form([("csrf_token", csrf), ("credits", "ten"), ("reason", "goodwill")]))
        #expect(notANumber.status == .unprocessableContent)
        #expect(Self.html(notANumber).contains("A whole number other than 0"))
        let belowZero = finance.send(
            "POST", path, form: Self.form([("csrf_token", csrf), ("credits", "-5"), ("reason", "take")]))
        #expect(belowZero.status == .conflict)
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(0), "nothing was written")

        let booked = finance.send(
            "POST", path, form: Self.form([("csrf_token", csrf), ("credits", "10"), ("reason", "Kulanz nach Ausfall")]))
        #expect(booked.status == .seeOther)
        #expect(booked.headers["Location"] == "/admin/de/companies/\(company)?done=credits")
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(10))
        let audit = try AuditLog(connection: harness.database.connect()).list(limit: 100)
        let entry = try #require(audit.first { $0.entry.action.name == "admin.credits.adjust" })
        #expect(entry.entry.details["reason"] == "Kulanz nach Ausfall")
        #expect(entry.entry.details["request_id"] == Self.requestID)
        #expect(entry.entry.actor != nil)
    }

    @Test func adminsDisableUsersChangeRolesAndWorkIncidentsOnThePages() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let me = buyer.send("GET", "/api/v1/me").json
        let user = try #require(me["user"]?["id"]?.stringValue)
        let company = try #require(me["company"]?["id"]?.stringValue)
        let (admin, csrf) = try Self.signInAndEnrol(harness, email: "ops@codezero.example", role: "admin")

        let badRole = admin.send(
            "POST", "/admin/en/users/\(user)/role",
            form: Self.form([("csrf_token", csrf), ("company_id", company), ("role", "boss")]))
        #expect(badRole.status == .unprocessableContent)
        #expect(Self.html(badRole).contains("Please choose a valid role."))
        let staffRole = admin.send(
            "POST", "/admin/de/users/\(user)/role",
            form: Self.form([("csrf_token", csrf), ("company_id", company), ("role", "admin")]))
        #expect(staffRole.status == .notFound, "staff roles exist only in the operator company")
        #expect(Self.html(staffRole).contains("Mitarbeiterrollen nur beim Betreiber"))

        let disabled = admin.send(
            "POST", "/admin/de/users/\(user)/disable", form: Self.form([("csrf_token", csrf), ("company_id", company)]))
        #expect(disabled.status == .seeOther)
        #expect(buyer.send("GET", "/api/v1/me").status == .unauthorized, "the user's sessions ended")

        let connection = harness.database.connect()
        let id = try #require(
            try IncidentStore(connection: connection).record(
                NewIncident(kind: .mailFailed, dedupeKey: "mail.failed:page", detail: "550 no such mailbox")))
        let list = admin.send("GET", "/admin/de/incidents")
        #expect(list.status == .ok)
        #expect(Self.html(list).contains("550 no such mailbox"))
        #expect(admin.send("GET", "/admin/de/incidents?status=bogus").status == .badRequest)
        let notRetryable = admin.send(
            "POST", "/admin/de/incidents/\(id)/retry", form: Self.form([("csrf_token", csrf)]))
        #expect(notRetryable.status == .conflict)
        let resolved = admin.send(
            "POST", "/admin/de/incidents/\(id)/resolve", form: Self.form([("csrf_token", csrf), ("note", "bounced")]))
        #expect(resolved.status == .seeOther)
        #expect(try IncidentStore(connection: connection).incident(id: id)?.status == .resolved)
        #expect(
            admin.send("POST", "/admin/de/incidents/\(id)/resolve", form: Self.form([("csrf_token", csrf)])).status
                == .conflict)

        let audit = admin.send("GET", "/admin/de/audit?company_id=\(company)")
        #expect(audit.status == .ok)
        #expect(admin.send("GET", "/admin/de/audit?company_id=nope").status == .badRequest)
        let entries = try AuditLog(connection: connection).list(limit: 200)
        for action in ["admin.incident.resolve", "account.disable", "role.change"] {
            let entry = entries.first { $0.entry.action.name == action }
            #expect(entry?.entry.details["request_id"] == Self.requestID, "\(action)")
            #expect(entry?.entry.actor != nil, "\(action)")
        }
    }
}

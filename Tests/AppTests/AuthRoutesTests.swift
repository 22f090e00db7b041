import Foundation
import Postgres
import TestSupport
import Testing
import Web

@testable import App

@Suite struct AuthRoutesTests {
    static func application() throws -> (TestDatabase, Application) {
        let database = try TestDatabase.makeMigrated()
        let application = try TestApplication.make(
            connectionString: database.connectionString,
            configuration: Configuration(publicURL: "https://shop.example", passwordCostLogN: 10))
        return (database, application)
    }

    @Test(arguments: Transport.allCases) func registrationSignsInWithAHostCookieAndTheCsrfTokenInTheBody(
        transport: Transport
    ) throws {
        let (_, application) = try Self.application()
        let client = try TestClient(application, over: transport)
        let response = client.register(email: "Anna@Example.com")
        #expect(response.status == .created)
        let cookie = try #require(response.headers["Set-Cookie"])
        #expect(cookie.hasPrefix("__Host-codezero_session="))
        for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Lax"] { #expect(cookie.contains(attribute)) }
        #expect(!cookie.contains("Domain="))
        #expect(response.json["csrf_token"]?.stringValue?.isEmpty == false)
        #expect(response.json["role"] == .string("client"))
        #expect(response.headers["Cache-Control"] == "no-store")

        let me = client.send("GET", "/api/v1/me")
        #expect(me.status == .ok)
        #expect(me.json["user"]?["email"] == .string("Anna@example.com"))  // the domain is lower-cased
        #expect(me.json["credits"] == .int(0))
    }

    /// Issue #17 item 6: a taken address (in any case) answers exactly like a fresh one — 201, the same body shape,
    /// a session cookie — but writes no account, signs nobody in, and mails the owner instead.
    @Test func aDuplicateEmailInAnyCaseAnswersLikeAFreshOneAndWritesNothing() throws {
        let (database, application) = try Self.application()
        let fresh = TestClient(application)
        let first = fresh.register(email: "anna@example.com")
        let intruder = TestClient(application)
        let again = intruder.register(email: "ANNA@example.COM", company: "Zweite GmbH")
        #expect(again.status == first.status && again.status == .created)
        func shape(_ json: JSON) -> [String] {
            func keys(_ value: JSON, _ prefix: String) -> [String] {
                guard let object = value.objectValue else { return [prefix] }
                return object.flatMap { keys($0.value, prefix + "." + $0.key) }
            }
            return keys(json, "").sorted()
        }
        #expect(shape(again.json) == shape(first.json))
        #expect(again.headers["Set-Cookie"]?.hasPrefix("__Host-") == true)
        #expect(again.headers["Cache-Control"] == first.headers["Cache-Control"])
        #expect(again.json["company"]?["id"] != first.json["company"]?["id"])
        // Nothing was written but the owner's notice; the decoy session signs nobody in.
        let connection = database.connect()
        #expect(try connection.query("SELECT count(*)::bigint AS n FROM companies")[0].int("n") == 1)
        #expect(try connection.query("SELECT count(*)::bigint AS n FROM sessions")[0].int("n") == 1)
        #expect(intruder.send("GET", "/api/v1/me").status == .unauthorized)
        #expect(fresh.send("GET", "/api/v1/me").status == .ok)
        let notices = try connection.query(
            "SELECT count(*)::bigint AS n FROM mail_outbox WHERE template = 'account-exists' AND lower(recipient) = 'anna@example.com'"
        )
        #expect(try notices[0].int("n") == 1)
    }

    @Test(arguments: [
        (["email": "x", "password": "correct horse battery", "company_name": "A", "country": "DE"] as JSON, "email"),
        (["email": "a@b.de", "password": "short", "company_name": "A", "country": "DE"] as JSON, "password"),
        (["email": "a@b.de", "password": "password123", "company_name": "A", "country": "DE"] as JSON, "password"),
        (
            ["email": "a@b.de", "password": "correct horse battery", "company_name": "A", "country": "FR"] as JSON,
            "vat_id"
        ),
        (
            ["email": "a@b.de", "password": "correct horse battery", "company_name": "A", "country": "ZZ"] as JSON,
            "country"
        ),
        (["email": "a@b.de", "password": "correct horse battery", "country": "DE"] as JSON, "company_name"),
    ])
    func invalidRegistrationsAre422NamingTheField(body: JSON, field: String) throws {
        let (database, application) = try Self.application()
        let response = TestClient(application).send("POST", "/api/v1/auth/register", json: body)
        #expect(response.status.code == 422)
        let fields = response.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
        #expect(fields.contains(field), "\(fields)")
        #expect(try database.connect().query("SELECT count(*)::bigint AS n FROM users")[0].int("n") == 0)
    }

    @Test func everyRegistrationProblemIsReportedAtOnce() throws {
        let (_, application) = try Self.application()
        let response = TestClient(application).send(
            "POST", "/api/v1/auth/register", json: ["email": "nope", "password": "short", "country": "FR"])
        #expect(response.status.code == 422)
        let fields = Set(response.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [])
        #expect(fields == ["company_name", "email", "password", "vat_id"])
    }

    @Test func signInFailuresAreUniformAndThenThrottled() throws {
        let (_, application) = try Self.application()
        TestClient(application).register(email: "anna@example.com")
        let wrongPassword = TestClient(application).send(
            "POST", "/api/v1/auth/login", json: ["email": "anna@example.com", "password": "wrong password!"])
        let unknownEmail = TestClient(application).send(
            "POST", "/api/v1/auth/login", json: ["email": "nobody@example.com", "password": "wrong password!"])
        #expect(wrongPassword.status == .unauthorized)
        #expect(unknownEmail.status == .unauthorized)
        #expect(wrongPassword.body == unknownEmail.body)
        var last = wrongPassword
        for _ in 0..<10 {
            last = TestClient(application).send(
                "POST", "/api/v1/auth/login", json: ["email": "anna@example.com", "password": "wrong password!"])
            if last.status == .tooManyRequests { break }
        }
        #expect(last.status == .tooManyRequests)
        #expect(Int(last.headers["Retry-After"] ?? "") ?? 0 > 0)
    }

    @Test(arguments: Transport.allCases) func cookieWritesNeedTheCsrfTokenAndBearerWritesDoNot(
        transport: Transport
    ) throws {
        let (_, application) = try Self.application()
        let client = try TestClient(application, over: transport)
        client.register(email: "anna@example.com")
        let missing = client.send("POST", "/api/v1/auth/tokens", json: ["name": "ci"], csrf: false)
        #expect(missing.status == .forbidden)
        let wrong = client.send(
            "POST", "/api/v1/auth/tokens", json: ["name": "ci"], csrf: false, headers: ["X-CSRF-Token": "nope"])
        #expect(wrong.status == .forbidden)
        let created = client.send("POST", "/api/v1/auth/tokens", json: ["name": "ci"])
        #expect(created.status == .created)
        let token = try #require(created.json["token"]?.stringValue)
        #expect(token.hasPrefix("cz_"))

        let api = try TestClient(application, over: transport)
        api.bearer = token
        #expect(api.send("GET", "/api/v1/me").json["auth"] == .string("token"))
        let id = try #require(created.json["id"]?.stringValue)
        #expect(client.send("GET", "/api/v1/auth/tokens").json["tokens"]?[0]?["token"] == nil)
        #expect(api.send("DELETE", "/api/v1/auth/tokens/\(id)").status == .noContent)
        #expect(api.send("GET", "/api/v1/me").status == .unauthorized)
    }

    @Test(arguments: Transport.allCases) func logoutEndsTheSession(transport: Transport) throws {
        let (_, application) = try Self.application()
        let client = try TestClient(application, over: transport)
        client.register(email: "anna@example.com")
        let cookie = client.cookie
        #expect(client.send("POST", "/api/v1/auth/logout", csrf: false).status == .forbidden)
        let out = client.send("POST", "/api/v1/auth/logout")
        #expect(out.status == .noContent)
        #expect(out.headers["Set-Cookie"]?.contains("Max-Age=0") == true)
        client.cookie = cookie
        #expect(client.send("GET", "/api/v1/me").status == .unauthorized)
    }

    @Test(arguments: Transport.allCases) func adminRoutesRefuseClientsAndServeAdmins(transport: Transport) throws {
        let (database, application) = try Self.application()
        let client = try TestClient(application, over: transport)
        client.register(email: "anna@example.com")
        #expect(client.send("GET", "/api/v1/admin/companies").status == .forbidden)
        #expect(client.send("GET", "/api/v1/admin/audit").status == .forbidden)
        #expect(
            try TestClient(application, over: transport).send("GET", "/api/v1/admin/companies").status == .unauthorized)

        let admin = TestClient.staff(application, database: database, role: "admin", email: "admin@codezero.example")
        let companies = admin.send("GET", "/api/v1/admin/companies")
        #expect(companies.status == .ok)
        #expect(companies.json["companies"]?.arrayValue?.contains { $0["name"] == .string("Muster GmbH") } == true)
        let audit = admin.send("GET", "/api/v1/admin/audit?limit=200")
        let actions = audit.json["entries"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
        for expected in ["account.register", "auth.login", "account.staff_create", "admin.companies.list"] {
            #expect(actions.contains(expected), "\(actions)")
        }
        #expect(admin.send("GET", "/api/v1/admin/audit?limit=0").status == .badRequest)

        // Finance: every company's purchases; clients are refused, admins allowed.
        // Buying needs a confirmed address (the link from the verification mail; here set directly).
        let unverified = client.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1"])
        #expect(unverified.status == .conflict)
        #expect(unverified.json["type"] == .string(CheckoutRefusal.emailUnverifiedType))
        try database.connect().execute(
            "UPDATE users SET email_verified_at = now() WHERE lower(email) = 'anna@example.com'")
        client.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1"])
        #expect(client.send("GET", "/api/v1/finance/purchases").status == .forbidden)
        let finance = TestClient.staff(
            application, database: database, role: "finance", email: "finance@codezero.example")
        let listed = finance.send("GET", "/api/v1/finance/purchases?status=pending")
        #expect(listed.status == .ok)
        #expect(listed.json["purchases"]?.arrayValue?.count == 1)
        #expect(finance.send("GET", "/api/v1/admin/companies").status == .forbidden)
        #expect(admin.send("GET", "/api/v1/finance/purchases").status == .ok)
        #expect(finance.send("GET", "/api/v1/finance/purchases?status=weird").status == .badRequest)
    }

    @Test func signingInCarriesThePageAskedForWithItsQuery() throws {
        let (_, application) = try Self.application()
        let visitor = TestClient(application)
        let asked = visitor.send("GET", "/de/checkout/success?session_id=cs_mock_abc&x=1")
        #expect(asked.status == .seeOther)
        let location = try #require(asked.headers["Location"])
        #expect(location == "/de/anmelden?next=%2Fde%2Fcheckout%2Fsuccess%3Fsession_id%3Dcs_mock_abc%26x%3D1")
        let page = String(decoding: visitor.send("GET", location).body, as: UTF8.self)
        #expect(page.contains(#"name="next" value="/de/checkout/success?session_id=cs_mock_abc&amp;x=1""#))
        let foreign = String(decoding: visitor.send("GET", "/de/anmelden?next=//evil.example/").body, as: UTF8.self)
        #expect(!foreign.contains(#"name="next""#))
    }

    /// Issue #17: an 8 KB query on a portal page made a `Location` beyond nginx's buffer (502).
    @Test func aLongQueryIsDroppedFromTheSignInRedirect() throws {
        let (_, application) = try Self.application()
        let long = String(repeating: "%C3%A4", count: 1300)
        let asked = TestClient(application).send("GET", "/de/checkout/success?session_id=cs_1&pad=\(long)")
        #expect(asked.status == .seeOther)
        let location = try #require(asked.headers["Location"])
        #expect(location == "/de/anmelden?next=%2Fde%2Fcheckout%2Fsuccess")
        let short = TestClient(application).send("GET", "/de/checkout/success?session_id=cs_1")
        #expect(short.headers["Location"] == "/de/anmelden?next=%2Fde%2Fcheckout%2Fsuccess%3Fsession_id%3Dcs_1")
    }
}

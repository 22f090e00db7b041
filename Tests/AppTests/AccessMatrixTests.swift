import Foundation
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// Walks every registered route with every kind of caller and compares the answer with the route's declared
/// ``RouteAccess``: the route table enforces exactly what the OpenAPI document says (issue 9, issue 17 item 5).
@Suite(.serialized) struct AccessMatrixTests {
    /// The kinds of caller the matrix tries.
    enum Kind: String, CaseIterable {
        case anonymous, anonymousRemote, clientSession, clientSessionWithoutCSRF, clientToken, finance, admin
        /// Staff signed in with their password only: no second factor yet (issue 13).
        case financeWithoutSecondFactor, adminWithoutSecondFactor
        /// A token an admin created before verifying the session: it never counts as a second factor.
        case adminTokenWithoutSecondFactor
    }

    /// What the access check must answer, or nil when the caller passes it (the handler decides).
    static func denial(_ access: RouteAccess, _ kind: Kind, unsafe: Bool) -> HTTPStatus? {
        if [.staffPage, .financePage, .adminPage].contains(access) { return staffPageDenial(access, kind) }
        return switch (access, kind) {
        case (.anyone, _): nil
        case (.loopback, .anonymousRemote): .notFound
        case (.loopback, _): nil
        case (.stripe, _): .badRequest
        case (_, .anonymous), (_, .anonymousRemote):
            access == .signedInPage ? .seeOther : .unauthorized
        case (.signedInPage, .clientToken): .seeOther
        case (_, .clientSessionWithoutCSRF) where unsafe: .forbidden
        case (.session, .clientToken): .forbidden
        case (.finance, .clientSession), (.finance, .clientSessionWithoutCSRF), (.finance, .clientToken): .forbidden
        case (.admin, .finance), (.admin, .clientSession), (.admin, .clientSessionWithoutCSRF), (.admin, .clientToken):
            .forbidden
        case (.finance, .financeWithoutSecondFactor), (.finance, .adminWithoutSecondFactor),
            (.finance, .adminTokenWithoutSecondFactor), (.admin, .financeWithoutSecondFactor),
            (.admin, .adminWithoutSecondFactor), (.admin, .adminTokenWithoutSecondFactor):
            .forbidden
        case (.session, .adminTokenWithoutSecondFactor): .forbidden
        case (.companyOrStaff, .financeWithoutSecondFactor), (.companyOrStaff, .adminWithoutSecondFactor),
            (.companyOrStaff, .adminTokenWithoutSecondFactor):
            .forbidden
        case (.staffSession, .clientSession), (.staffSession, .clientSessionWithoutCSRF),
            (.staffSession, .clientToken), (.staffSession, .adminTokenWithoutSecondFactor):
            .forbidden
        case (.signedInPage, .adminTokenWithoutSecondFactor): .seeOther
        default: nil
        }
    }

    /// The back office's pages (issue 13): no session → the staff sign-in page; a client → 403; staff without
    /// the second factor → the second-factor page (on finance and admin pages); finance on admin pages → 403.
    static func staffPageDenial(_ access: RouteAccess, _ kind: Kind) -> HTTPStatus? {
        switch kind {
        case .anonymous, .anonymousRemote, .clientToken, .adminTokenWithoutSecondFactor: .seeOther
        case .clientSession, .clientSessionWithoutCSRF: .forbidden
        case .financeWithoutSecondFactor, .adminWithoutSecondFactor: access == .staffPage ? nil : .seeOther
        case .finance: access == .adminPage ? .forbidden : nil
        case .admin: nil
        }
    }

    static let password = "a long enough passphrase"

    final class Fixture {
        let database: TestDatabase
        let application: Application
        let token: String
        let adminToken: String

        init() throws {
            database = try TestDatabase.makeMigrated()
            application = try TestApplication.make(
                connectionString: database.connectionString,
                configuration: Configuration(
                    environment: .development, publicURL: "https://shop.example", passwordCostLogN: 10,
                    stripeWebhookSecrets: [BillingHarness.webhookSecret]))
            let owner = TestClient(application)
            precondition(owner.register(email: "owner@firma.example").status == .created)
            token = try #require(
                owner.send("POST", "/api/v1/auth/tokens", json: ["name": "matrix"]).json["token"]?.stringValue)
            for role in ["finance", "admin"] {
                precondition(
                    CommandLineInterface.createUser(
                        connectionString: database.connectionString, email: "\(role)@codezero.example", role: role,
                        password: AccessMatrixTests.password, passwordCostLogN: 10) == 0)
            }
            let admin = TestClient(application)
            admin.signIn(email: "admin@codezero.example", password: AccessMatrixTests.password)
            adminToken = try #require(
                admin.send("POST", "/api/v1/auth/tokens", json: ["name": "unverified"]).json["token"]?.stringValue)
        }

        /// A fresh client of `kind` (sessions are signed in anew, so a sign-out by an earlier route does not
        /// leak into the next one).
        func client(_ kind: Kind) -> TestClient {
            let client = TestClient(application)
            client.address = "127.0.0.1"
            switch kind {
            case .anonymous: break
            case .anonymousRemote: client.address = "203.0.113.7"
            case .clientToken: client.bearer = token
            case .clientSession, .clientSessionWithoutCSRF:
                signIn(client, "owner@firma.example", "correct horse battery")
            case .finance, .financeWithoutSecondFactor:
                signIn(client, "finance@codezero.example", AccessMatrixTests.password)
            case .admin, .adminWithoutSecondFactor:
                signIn(client, "admin@codezero.example", AccessMatrixTests.password)
            case .adminTokenWithoutSecondFactor: client.bearer = adminToken
            }
            // Verified directly: the real TOTP flow is tested in SecondFactorTests, and one code per 30 s would
            // not let the matrix sign in anew for every route.
            if kind == .finance || kind == .admin { try? client.markSecondFactorVerified(database) }
            return client
        }

        func signIn(_ client: TestClient, _ email: String, _ password: String) {
            let response = client.send(
                "POST", "/api/v1/auth/login", json: ["email": .string(email), "password": .string(password)])
            precondition(response.status == .ok, "sign-in of \(email) failed: \(response.status)")
        }
    }

    /// A request path for `pattern` (path parameters filled with an id nobody has).
    static func path(_ pattern: String) -> String {
        pattern.replacingOccurrences(
            of: #"\{[a-z_]+\}"#, with: "00000000-0000-4000-8000-000000000000", options: .regularExpression)
    }

    @Test func everyRouteAnswersEveryKindOfCallerAsItsDeclaredAccessSays() throws {
        let fixture = try Fixture()
        var checked = 0
        for route in fixture.application.routes.routes where route.method != .head {
            let unsafe = !route.method.isSafe
            for kind in Kind.allCases {
                let client = fixture.client(kind)
                let json: JSON? = route.documentation?.requestBody == "application/json" ? [:] : nil
                let csrf = kind == .clientSessionWithoutCSRF ? "" : client.csrfToken ?? ""
                let form: String? = json == nil && unsafe ? "csrf_token=\(csrf)" : nil
                let response = client.send(
                    route.method.rawValue, Self.path(route.pattern), json: json, form: form,
                    csrf: kind != .clientSessionWithoutCSRF,
                    headers: kind == .anonymousRemote ? [:] : ["Origin": "https://shop.example"])
                let where_ = "\(route.method.rawValue) \(route.pattern) as \(kind.rawValue) (\(route.access.rawValue))"
                if let denied = Self.denial(route.access, kind, unsafe: unsafe) {
                    #expect(response.status == denied, "\(where_): \(response.status)")
                    if denied == .seeOther {
                        #expect(response.headers["Location"]?.contains("?next=") == true, "\(where_)")
                    }
                } else {
                    #expect(response.status != .unauthorized, "\(where_)")
                    if route.access != .anyone {
                        #expect(
                            response.status != .forbidden,
                            "\(where_): \(String(decoding: response.body, as: UTF8.self))")
                        let toSignIn = response.headers["Location"]?.contains("?next=") == true
                        #expect(response.status != .seeOther || !toSignIn, "\(where_)")
                    }
                    if route.access == .loopback { #expect(response.status != .notFound, "\(where_)") }
                }
                checked += 1
            }
        }
        #expect(checked >= 50 * Kind.allCases.count, "the matrix covers every route")
    }

    /// A correctly signed webhook passes the Stripe check; every other caller is refused before the handler.
    @Test func theWebhookNeedsAValidSignature() throws {
        let fixture = try Fixture()
        let body = Array(
            #"{"id":"evt_matrix","object":"event","type":"customer.created","created":1700000000,"livemode":false,"api_version":"2024-06-20","data":{"object":{}}}"#
                .utf8)
        var parameters = TestApplication.parameters(
            "POST", "/api/v1/billing/webhook", contentType: "application/json", contentLength: body.count)
        parameters["HTTP_STRIPE_SIGNATURE"] = WebhookSignature.sign(
            payload: body, secret: BillingHarness.webhookSecret, timestamp: WebhookSignature.currentTime())
        let signed = fixture.application.respond(parameters: parameters, body: body, bodyTooLarge: false).response
        #expect(signed.status == .ok, "\(String(decoding: signed.body, as: UTF8.self))")
        parameters["HTTP_STRIPE_SIGNATURE"] = "t=1,v1=00"
        #expect(
            fixture.application.respond(parameters: parameters, body: body, bodyTooLarge: false).response.status
                == .badRequest)
    }

    /// Issue 17 item 5: a leaked API token cannot list tokens or sign its user out everywhere.
    @Test(arguments: [("GET", "/api/v1/auth/tokens"), ("POST", "/api/v1/auth/logout-everywhere")])
    func sessionOnlyOperationsRefuseBearerTokens(method: String, path: String) throws {
        let fixture = try Fixture()
        let api = fixture.client(.clientToken)
        #expect(api.send(method, path).status == .forbidden)
        #expect(api.send("GET", "/api/v1/me").status == .ok, "the token still works where tokens are allowed")
        let session = fixture.client(.clientSession)
        #expect(session.send(method, path).status == .ok)
    }

    /// The OpenAPI document shows the access the table enforces, for every documented route.
    @Test func theOpenAPIDocumentListsTheEnforcedAccess() throws {
        let fixture = try Fixture()
        let document = try JSON.parse(fixture.client(.anonymous).send("GET", "/api/v1/openapi.json").body)
        var seen = 0
        for route in fixture.application.routes.routes {
            guard route.documentation != nil else { continue }
            let operation = document["paths"]?[route.pattern]?[route.method.rawValue.lowercased()]
            #expect(operation?["x-access"] == .string(route.access.rawValue), "\(route.pattern)")
            let security = operation?["security"]
            switch route.access {
            case .anyone, .stripe, .loopback: #expect(security == nil, "\(route.pattern)")
            case .session, .signedInPage, .staffSession, .staffPage, .financePage, .adminPage:
                #expect(security == [["session": []]], "\(route.pattern)")
            case .authenticated, .companyOrStaff, .finance, .admin:
                #expect(security == [["session": []], ["bearer": []]], "\(route.pattern)")
            }
            seen += 1
        }
        #expect(seen > 20)
    }
}

import Foundation
import TestSupport
import Testing
import Web

@testable import App

/// Issue #17: an OpenAPI document a fuzzer can hold us to — every request body, parameter and response has a real
/// schema declared beside its route, and every status a route can answer is documented. schemathesis runs over the
/// document in `make test` (Tests/e2e/test_api_fuzz.py); these tests keep the declarations complete and fix what it
/// found.
@Suite struct OpenAPISchemaTests {
    static func document() throws -> (Application, JSON) {
        var configuration = Configuration(publicURL: "https://shop.example")
        configuration.testRoutes = true
        let application = try TestApplication.make(configuration: configuration)
        let outcome = application.respond(
            parameters: TestApplication.parameters("GET", "/api/v1/openapi.json"), body: [], bodyTooLarge: false)
        return (application, try TestApplication.json(outcome.response))
    }

    /// A new route without schemas fails here: declare `request:` / `response:` in its ``RouteDocumentation``.
    @Test func everyDocumentedRouteDeclaresItsSchemas() throws {
        let (application, _) = try Self.document()
        var missing: [String] = []
        for route in application.routes.routes {
            guard let documentation = route.documentation else { continue }
            let name = "\(route.method.rawValue) \(route.pattern)"
            if documentation.requestBody != nil && documentation.request == nil { missing.append("\(name): request") }
            let answersContent = documentation.responses.contains {
                (200..<300).contains($0.status) && $0.status != 204
            }
            if answersContent && documentation.response == nil { missing.append("\(name): response") }
        }
        #expect(missing.isEmpty, "routes without schemas: \(missing)")
    }

    @Test func noBodyOrSuccessIsAnUntypedObject() throws {
        let (_, document) = try Self.document()
        let untyped: JSON = ["type": "object"]
        var found: [String] = []
        for (path, item) in try #require(document["paths"]?.objectValue).members {
            for (method, operation) in try #require(item.objectValue).members {
                if operation["requestBody"]?["content"]?["application/json"]?["schema"] == untyped {
                    found.append("\(method) \(path) request")
                }
                for (status, response) in operation["responses"]?.objectValue?.members ?? []
                where status.hasPrefix("2") {
                    for (_, media) in response["content"]?.objectValue?.members ?? []
                    where media["schema"] == untyped {
                        found.append("\(method) \(path) \(status)")
                    }
                }
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    @Test func theStatusesARouteImpliesAreDocumented() throws {
        let (_, document) = try Self.document()
        let orders = try #require(document["paths"]?["/api/v1/orders/{id}/checkout"]?["post"]?["responses"])
        for status in ["201", "401", "403", "404", "409", "429", "503"] {
            #expect(orders[status] != nil, "POST /api/v1/orders/{id}/checkout \(status)")
        }
        let create = try #require(document["paths"]?["/api/v1/orders"]?["post"]?["responses"])
        for status in ["400", "413", "415", "422"] { #expect(create[status] != nil, "POST /api/v1/orders \(status)") }
        let healthz = try #require(document["paths"]?["/healthz"]?["get"]?["responses"]?.objectValue)
        #expect(healthz.members.map(\.key) == ["200"])
        // Path and query parameters carry their schemas.
        let invoice = try #require(document["paths"]?["/api/v1/invoices/{id}"]?["get"]?["parameters"]?[0])
        #expect(invoice["schema"]?["format"] == .string("uuid"))
        let list = try #require(document["paths"]?["/api/v1/invoices"]?["get"]?["parameters"]?.arrayValue)
        #expect(list.map { $0["name"]?.stringValue ?? "" } == ["limit", "offset", "company_id"])
    }

    @Test func textSchemasSayWhatTheTextRuleAccepts() throws {
        let schema = APISchema.text(5)
        let pattern = try #require(schema.json["pattern"]?.stringValue)
        let regex = try NSRegularExpression(pattern: pattern)
        func matches(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        #expect(matches("Anna"))
        #expect(matches(" Anna "))
        #expect(!matches("   "))
        #expect(!matches("An\u{7}na"))
        #expect(!matches("An\nna"))
        #expect(schema.json["maxLength"] == .int(5))
        let optional = APISchema.text(5, minimumLength: 0, multiline: true)
        let lines = try NSRegularExpression(pattern: try #require(optional.json["pattern"]?.stringValue))
        #expect(lines.firstMatch(in: "a\r\nb", range: NSRange(location: 0, length: 4)) != nil)
        #expect(lines.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil)
    }

    // --- what schemathesis found ---------------------------------------------------------------------------------

    /// DELETE of a token whose id is combining marks: the audit entry's target overflowed and answered 500.
    @Test func revokingATokenWithAMalformedIdIs404() throws {
        let (_, application) = try AuthRoutesTests.application()
        let client = TestClient(application)
        #expect(client.register(email: "anna@example.com").status == .created)
        let zalgo = "T" + String(repeating: "\u{33A}\u{315}", count: 40) + "o"
        let encoded = try #require(zalgo.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let response = client.send("DELETE", "/api/v1/auth/tokens/\(encoded)")
        #expect(response.status == .notFound)
    }

    /// The documented `company_id` is a uuid: malformed, it is a 400 for every caller (a client's was ignored).
    @Test func aMalformedCompanyFilterOnInvoicesIs400ForAClientToo() throws {
        let (_, application) = try AuthRoutesTests.application()
        let client = TestClient(application)
        #expect(client.register(email: "anna@example.com").status == .created)
        #expect(client.send("GET", "/api/v1/invoices?company_id=nope").status == .badRequest)
        #expect(client.send("GET", "/api/v1/invoices?company_id=\(UUID().uuidString)").status == .ok)
    }

    /// Texts staff type follow the one text rule too (control characters were accepted).
    @Test func staffReasonsAndNotesRefuseControlCharacters() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let company = try #require(buyer.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        let path = "/api/v1/finance/companies/\(company)/credits"
        #expect(finance.send("POST", path, json: ["credits": 5, "reason": "Kulanz\u{7}"]).status == .badRequest)
        #expect(finance.send("POST", path, json: ["credits": 5, "reason": "Kulanz\nnach Ausfall"]).status == .created)
    }

    /// `language` was read as "anything but en is German", so `?language=S%0B` started a checkout: now a 400.
    @Test func anUnknownCheckoutLanguageIs400() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let order = buyer.send("POST", "/api/v1/orders", json: ["package": "assistant_starter"])
        #expect(order.status == .created)
        let id = try #require(order.json["id"]?.stringValue)
        #expect(buyer.send("POST", "/api/v1/orders/\(id)/checkout?language=S%0B").status == .badRequest)
        #expect(buyer.send("POST", "/api/v1/orders/\(id)/checkout?language=xx").status == .badRequest)
        #expect(buyer.send("POST", "/api/v1/orders/\(id)/checkout?language=en").status == .created)
    }
}

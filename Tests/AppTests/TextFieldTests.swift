import Foundation
import Postgres
import TestSupport
import Testing
import Web

@testable import App

/// Issue #17 item 1: a NUL (or another control character) in any accepted string is a clean 422 that names
/// the field and writes nothing — never a 500 from libpq refusing the bind parameter.
@Suite struct TextFieldTests {
    static func fields(_ response: Response) -> [String] {
        response.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue ?? $0["pointer"]?.stringValue }
            ?? []
    }

    static func count(_ database: TestDatabase, _ table: String) throws -> Int {
        try database.connect().query("SELECT count(*)::bigint AS n FROM \(unescaped: table)")[0].int("n")
    }

    @Test func aNulInTheSignInEmailIs422NotA500() throws {
        let (_, application) = try AuthRoutesTests.application()
        let response = TestClient(application).send(
            "POST", "/api/v1/auth/login", json: ["email": "a\u{0}@example.com", "password": "x"])
        #expect(response.status.code == 422)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(Self.fields(response).contains("/email") || Self.fields(response).contains("email"))
    }

    @Test(arguments: [
        ("company_name", "ACME\u{0} GmbH"), ("company_name", "ACME\r\nGmbH"), ("company_name", "ACME\u{7}GmbH"),
        ("billing_address.street", "Haupt\u{0}str. 1"), ("billing_address.city", "Ber\nlin"),
        ("billing_address.postal_code", "10\u{7}115"), ("billing_address.extra", "c/o\u{1B}[31m"),
    ])
    func controlCharactersInRegistrationFieldsAre422AndWriteNothing(field: String, value: String) throws {
        let (database, application) = try AuthRoutesTests.application()
        var body: JSONObject = [
            "email": "anna@example.com", "password": "correct horse battery", "company_name": "Muster GmbH",
            "country": "DE",
        ]
        if field.hasPrefix("billing_address.") {
            var address: JSONObject = ["street": "Hauptstraße 1", "postal_code": "10115", "city": "Berlin"]
            address[String(field.dropFirst("billing_address.".count))] = .string(value)
            body["billing_address"] = .object(address)
        } else {
            body[field] = .string(value)
        }
        let response = TestClient(application).send("POST", "/api/v1/auth/register", json: .object(body))
        #expect(response.status.code == 422)
        let named = Self.fields(response)
        let pointer = "/" + field.replacingOccurrences(of: ".", with: "/")
        #expect(named.contains(field) || named.contains(pointer), "\(named)")
        #expect(try Self.count(database, "companies") == 0)
        #expect(try Self.count(database, "users") == 0)
    }

    @Test func aNulInATokenNameOrAProductIdIs422() throws {
        let (database, application) = try AuthRoutesTests.application()
        let client = TestClient(application)
        #expect(client.register(email: "anna@example.com").status == .created)
        let token = client.send("POST", "/api/v1/auth/tokens", json: ["name": "ci\u{0}"])
        #expect(token.status.code == 422)
        let bell = client.send("POST", "/api/v1/auth/tokens", json: ["name": "ci\u{7}server"])
        #expect(bell.status.code == 422)
        #expect(Self.fields(bell) == ["name"])
        #expect(try Self.count(database, "api_tokens") == 0)
        let checkout = client.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1\u{0}"])
        #expect(checkout.status.code == 422)
        #expect(try Self.count(database, "purchases") == 0)
    }

    @Test func aNulAnywhereInABodyIsRefusedEvenInAMemberNoRouteReads() throws {
        let (_, application) = try AuthRoutesTests.application()
        let response = TestClient(application).send(
            "POST", "/api/v1/auth/login",
            json: ["email": "a@example.com", "password": "x", "extra": ["list": ["ok", "n\u{0}"]]])
        #expect(response.status.code == 422)
        #expect(Self.fields(response) == ["/extra/list/1"])
    }

    @Test func aMalformedCompanyIdOnTheAuditLogIs400() throws {
        let (database, application) = try AuthRoutesTests.application()
        let admin = TestClient.staff(application, database: database, role: "admin", email: "admin@codezero.example")
        for bad in ["x", "00000000-0000-0000-0000-00000000000g", "%27%3B--", "{00000000-0000-0000-0000-000000000000}"] {
            let response = admin.send("GET", "/api/v1/admin/audit?company_id=\(bad)")
            #expect(response.status == .badRequest, "\(bad)")
            #expect(Self.fields(response) == ["company_id"])
        }
        let good = admin.send("GET", "/api/v1/admin/audit?company_id=00000000-0000-0000-0000-000000000000")
        #expect(good.status == .ok)
    }

    @Test func aSiteFormWithAControlCharacterIsRefusedButTheContactMessageMayHaveLineBreaks() throws {
        let (database, application) = try AuthRoutesTests.application()
        let client = TestClient(application)
        let page = client.send("GET", "/en/contact")
        let token = try #require(
            client.cookie.flatMap { $0.hasPrefix("__Host-codezero_form=") ? String($0.dropFirst(21)) : nil })
        #expect(page.status == .ok)
        let common = "csrf_token=\(token)&email=a%40example.com&company=ACME"
        let bad = client.send(
            "POST", "/en/contact", form: common + "&name=Anna%07Bell&message=Hello",
            headers: ["Origin": "https://shop.example"])
        #expect(bad.status == .badRequest)
        #expect(try Self.count(database, "contact_requests") == 0)
        let good = client.send(
            "POST", "/en/contact", form: common + "&name=Anna&message=Hello%0D%0Athere",
            headers: ["Origin": "https://shop.example"])
        #expect(good.status == .seeOther)
        #expect(try Self.count(database, "contact_requests") == 1)
    }
}

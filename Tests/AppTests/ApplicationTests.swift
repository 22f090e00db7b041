import Foundation
import Testing
import Web

@testable import App

@Suite struct ApplicationTests {
    let application: Application

    init() throws {
        application = try TestApplication.make()
    }

    func get(_ uri: String, headers: [String: String] = [:]) -> Application.Outcome {
        application.respond(
            parameters: TestApplication.parameters("GET", uri, headers: headers), body: [], bodyTooLarge: false)
    }

    @Test func healthzAnswersWithoutADatabase() throws {
        let outcome = get("/healthz")
        #expect(outcome.response.status == .ok)
        #expect(try TestApplication.json(outcome.response)["status"] == .string("ok"))
        #expect(outcome.route == "/healthz")
    }

    @Test func readyzIs503ProblemWhenTheDatabaseIsUnreachable() throws {
        let outcome = get("/readyz")
        #expect(outcome.response.status.code == 503)
        #expect(outcome.response.headers["Content-Type"] == "application/problem+json")
        #expect(outcome.response.headers["Retry-After"] == "5")
        #expect(try TestApplication.json(outcome.response)["status"] == .int(503))
    }

    @Test func unknownApiPathIsA404ProblemWithTheRequestId() throws {
        let outcome = get("/api/v1/nothing-here")
        #expect(outcome.response.status == .notFound)
        #expect(outcome.response.headers["Content-Type"] == "application/problem+json")
        let body = try TestApplication.json(outcome.response)
        #expect(body["status"] == .int(404))
        #expect(body["request_id"] == .string("0123456789abcdef0123456789abcdef"))
    }

    @Test(arguments: [("de", "Seite nicht gefunden"), ("en", "Page not found")])
    func unknownSitePathIsALocalizedHtmlPage(language: String, heading: String) {
        let outcome = get("/\(language)/no-such-page")
        #expect(outcome.response.status == .notFound)
        #expect(outcome.response.headers["Content-Type"]?.hasPrefix("text/html") == true)
        let html = String(decoding: outcome.response.body, as: UTF8.self)
        #expect(html.contains("<html lang=\"\(language)\">"))
        #expect(html.contains(heading))
        #expect(outcome.response.headers["Cache-Control"] == "no-store")
        #expect(outcome.response.headers["Content-Language"] == language)
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let outcome = application.respond(
            parameters: TestApplication.parameters("DELETE", "/api/v1/billing/products"), body: [], bodyTooLarge: false)
        #expect(outcome.response.status == .methodNotAllowed)
        #expect(outcome.response.headers["Allow"] == "GET, HEAD")
        #expect(try TestApplication.json(outcome.response)["status"] == .int(405))
    }

    @Test func aBodyOverTheLimitIs413() throws {
        let outcome = application.respond(
            parameters: TestApplication.parameters(
                "POST", "/healthz", contentType: "application/json", contentLength: 2 << 20),
            body: [], bodyTooLarge: true)
        #expect(outcome.response.status.code == 413)
        #expect(try TestApplication.json(outcome.response)["status"] == .int(413))
    }

    @Test(arguments: ["/%zz", "/a%00b", "/a%2Fb"])
    func aMalformedRequestIsA400Problem(uri: String) throws {
        let outcome = get(uri)
        #expect(outcome.response.status == .badRequest)
        #expect(outcome.route == "(invalid)")
        #expect(try TestApplication.json(outcome.response)["status"] == .int(400))
    }

    @Test func headUsesTheGetRouteWithoutBody() {
        let outcome = application.respond(
            parameters: TestApplication.parameters("HEAD", "/healthz"), body: [], bodyTooLarge: false)
        #expect(outcome.response.status == .ok)
        #expect(!outcome.includeBody)
        let bytes = String(decoding: outcome.response.cgiBytes(includeBody: outcome.includeBody), as: UTF8.self)
        #expect(bytes.hasSuffix("\r\n\r\n"))
        #expect(bytes.contains("Content-Length: 15"))
    }

    @Test(arguments: [
        ("de-DE,de;q=0.9,en;q=0.8", "/de/"), ("en-US,en;q=0.9", "/en/"), ("fr", "/en/"), ("", "/en/"),
        ("fr, de;q=0.5", "/de/"),
    ])
    func rootRedirectsByAcceptLanguage(header: String, location: String) {
        let outcome = get("/", headers: header.isEmpty ? [:] : ["Accept-Language": header])
        #expect(outcome.response.status == .found)
        #expect(outcome.response.headers["Location"] == location)
        #expect(outcome.response.headers["Vary"] == "Accept-Language")
    }

    @Test(arguments: ["de", "en"])
    func homePagesRenderInTheirLanguage(language: String) {
        let outcome = get("/\(language)/")
        #expect(outcome.response.status == .ok)
        let html = String(decoding: outcome.response.body, as: UTF8.self)
        #expect(html.contains("<html lang=\"\(language)\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://shop.example/\(language)/\">"))
        #expect(html.contains("hreflang=\"de\" href=\"https://shop.example/de/\""))
        #expect(html.contains("hreflang=\"en\" href=\"https://shop.example/en/\""))
        #expect(html.contains("/assets/site."))
        #expect(outcome.response.headers["Cache-Control"] == "public, max-age=60")
    }

    @Test func languageRootWithoutSlashRedirectsPermanently() {
        let outcome = get("/de")
        #expect(outcome.response.status == .movedPermanently)
        #expect(outcome.response.headers["Location"] == "/de/")
    }

}

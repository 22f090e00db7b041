import Foundation
import TestSupport
import Testing
import Web

@testable import App

/// Issue #17: the consent form checked only `Origin`/`Sec-Fetch-Site`. A decision is now stored only with the
/// visitor's own double-submit token, while the cached pages that carry the banner stay byte-identical for every
/// visitor (no token, no Set-Cookie, publicly cacheable).
@Suite struct ConsentCSRFTests {
    static let origin = ["Origin": "https://shop.example"]

    static func records(_ database: TestDatabase) throws -> Int {
        try TextFieldTests.count(database, "consent_records")
    }

    static func setCookies(_ response: Response) -> [String] {
        response.headers.values(for: "Set-Cookie")
    }

    /// The value of the `__Host-codezero_form` cookie that `response` sets, if any.
    static func formCookie(_ response: Response) -> String? {
        for value in setCookies(response) {
            let pair = value.split(separator: ";")[0]
            if pair.hasPrefix(FormGuard.cookieName + "=") {
                return String(pair.dropFirst(FormGuard.cookieName.count + 1))
            }
        }
        return nil
    }

    /// The `csrf_token` hidden field's value in an HTML page.
    static func tokenField(_ response: Response) -> String? {
        let html = String(decoding: response.body, as: UTF8.self)
        guard let range = html.range(of: "name=\"csrf_token\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func theCachedBannerCarriesNoTokenAndIsTheSameForEveryVisitor() throws {
        let (_, application) = try AuthRoutesTests.application()
        let first = TestClient(application).send("GET", "/de/preise")
        let second = TestClient(application).send(
            "GET", "/de/preise", headers: ["Cookie": "__Host-codezero_form=abcdefghijklmnopqrstuvwx"])
        #expect(first.status == .ok)
        #expect(first.headers["Cache-Control"] == PageResponse.publicCacheControl)
        #expect(String(decoding: first.body, as: UTF8.self).contains("data-consent-banner"))
        #expect(Self.tokenField(first) == nil)
        #expect(Self.setCookies(first).isEmpty)
        #expect(first.body == second.body)
    }

    @Test(arguments: [nil, "wrong-token-0123456789abcdef"])
    func aDecisionWithoutTheVisitorsTokenIsNotStoredButOfferedForConfirmation(token: String?) throws {
        let (database, application) = try AuthRoutesTests.application()
        // The visitor has a token cookie (e.g. from the contact page); the post carries none or another one.
        let cookie = "__Host-codezero_form=abcdefghijklmnopqrstuvwx"
        var form = "choice=save&purpose=statistics&return_to=%2Fde%2Fpreise"
        if let token { form += "&csrf_token=\(token)" }
        let response = TestClient(application).send(
            "POST", "/de/consent", form: form, headers: Self.origin.merging(["Cookie": cookie]) { $1 })
        #expect(response.status == .forbidden)
        #expect(try Self.records(database) == 0)
        #expect(!Self.setCookies(response).contains { $0.hasPrefix("cz_consent=") })
        #expect(response.headers["Cache-Control"] == "private, no-store")
        // The confirmation page keeps the choice and the way back, and carries the visitor's token.
        let html = String(decoding: response.body, as: UTF8.self)
        #expect(html.contains("id=\"consent-statistics\" checked"))
        #expect(!html.contains("id=\"consent-external_media\" checked"))
        #expect(html.contains("name=\"return_to\" value=\"/de/preise\""))
        #expect(html.contains("Bitte bestätigen Sie Ihre Auswahl"))
        #expect(Self.tokenField(response) == "abcdefghijklmnopqrstuvwx")
    }

    @Test func aPostWithoutAnyCookieGetsATokenAndTheSecondClickIsStored() throws {
        let (database, application) = try AuthRoutesTests.application()
        let first = TestClient(application).send(
            "POST", "/en/consent", form: "choice=accept_all&return_to=%2Fen%2Fpricing", headers: Self.origin)
        #expect(first.status == .forbidden)
        #expect(try Self.records(database) == 0)
        let cookie = try #require(Self.formCookie(first))
        #expect(Self.tokenField(first) == cookie)
        #expect(String(decoding: first.body, as: UTF8.self).contains("Please confirm your choice"))

        let second = TestClient(application).send(
            "POST", "/en/consent", form: "choice=accept_all&return_to=%2Fen%2Fpricing&csrf_token=\(cookie)",
            headers: Self.origin.merging(["Cookie": "\(FormGuard.cookieName)=\(cookie)"]) { $1 })
        #expect(second.status == .seeOther)
        #expect(second.headers["Location"] == "/en/pricing")
        #expect(Self.setCookies(second).contains { $0.hasPrefix("cz_consent=") })
        #expect(try Self.records(database) == 1)
    }

    @Test func theSettingsPageHandsOutTheTokenPrivatelyAndItIsAccepted() throws {
        let (database, application) = try AuthRoutesTests.application()
        let page = TestClient(application).send("GET", "/de/consent")
        #expect(page.status == .ok)
        #expect(page.headers["Cache-Control"] == "private, no-store")
        let cookie = try #require(Self.formCookie(page))
        #expect(Self.tokenField(page) == cookie)

        // Another site's token is no good, even same-origin: the cookie decides.
        let forged = TestClient(application).send(
            "POST", "/de/consent", form: "choice=reject_all&return_to=%2Fde%2F&csrf_token=\(cookie)",
            headers: Self.origin.merging(["Cookie": "\(FormGuard.cookieName)=zyxwvutsrqponmlkjihgfedcba"]) { $1 })
        #expect(forged.status == .forbidden)
        #expect(try Self.records(database) == 0)

        let stored = TestClient(application).send(
            "POST", "/de/consent", form: "choice=reject_all&return_to=%2Fde%2F&csrf_token=\(cookie)",
            headers: Self.origin.merging(["Cookie": "\(FormGuard.cookieName)=\(cookie)"]) { $1 })
        #expect(stored.status == .seeOther)
        #expect(try Self.records(database) == 1)

        // The token does not replace the origin check.
        let crossSite = TestClient(application).send(
            "POST", "/de/consent", form: "choice=reject_all&return_to=%2Fde%2F&csrf_token=\(cookie)",
            headers: ["Origin": "https://evil.example", "Cookie": "\(FormGuard.cookieName)=\(cookie)"])
        #expect(crossSite.status == .forbidden)
        #expect(try Self.records(database) == 1)
    }
}

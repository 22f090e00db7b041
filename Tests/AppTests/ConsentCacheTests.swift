import Foundation
import TestSupport
import Testing
import Web

@testable import App

/// Issue #17: `Cookie: cz_consent =v1:none` (a space before `=`) slipped past nginx's cache bypass while the
/// application read it as a decision and rendered a page without the banner, which the public cache then
/// served to everybody. Now the application reads cookie names exactly like nginx, and a banner-less page is
/// never publicly cacheable.
@Suite struct ConsentCacheTests {
    @Test func aPageWithoutTheBannerIsNeverPubliclyCacheable() throws {
        let (_, application) = try AuthRoutesTests.application()
        let client = TestClient(application)
        let anonymous = client.send("GET", "/en/")
        #expect(anonymous.status == .ok)
        #expect(anonymous.headers["Cache-Control"] == PageResponse.publicCacheControl)
        #expect(String(decoding: anonymous.body, as: UTF8.self).contains("data-consent-banner"))

        let decided = client.send("GET", "/en/", headers: ["Cookie": "cz_consent=v1:none"])
        #expect(decided.status == .ok)
        #expect(!String(decoding: decided.body, as: UTF8.self).contains("data-consent-banner"))
        #expect(decided.headers["Cache-Control"]?.hasPrefix("private") == true)
    }

    @Test(arguments: ["cz_consent =v1:none", "cz_consent\t=v1:none", "x=1; cz_consent =v1:none"])
    func aCookieNameWithWhiteSpaceBeforeTheEqualsSignIsNoDecision(cookie: String) throws {
        let (_, application) = try AuthRoutesTests.application()
        let response = TestClient(application).send("GET", "/en/", headers: ["Cookie": cookie])
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self).contains("data-consent-banner"))
        #expect(response.headers["Cache-Control"] == PageResponse.publicCacheControl)
    }
}

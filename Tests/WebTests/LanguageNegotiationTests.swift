import Testing

@testable import Web

@Suite struct LanguageNegotiationTests {
    @Test(
        arguments: [
            (nil, "en"),
            ("de", "de"),
            ("en", "en"),
            ("fr", "en"),
            ("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de"),
            ("en-US,en;q=0.9,de;q=0.8", "en"),
            ("de-CH", "de"),
            ("DE-de", "de"),
            ("fr;q=1, en;q=0.5, de;q=0.6", "de"),
            ("en, de", "en"),
            ("de, en", "de"),
            ("*", "de"),
            ("*;q=0.5, de;q=0", "en"),
            ("de;q=0, en;q=0", "en"),
            ("de;q=0.001", "de"),
            ("en;q=0.8, de;q=1.0", "de"),
            ("en;q=2, de;q=0.1", "de"),
            ("en;q=abc, de;q=0.1", "de"),
            ("en;q=0.1234, de;q=0.1", "de"),
            ("en-US;q=0.9, en;q=0.1, de;q=0.5", "de"),
            ("de;q=0.5, de-AT;q=0.9", "de"),
            ("x%, de", "de"),
            ("", "en"),
        ] as [(String?, String)])
    func preferredLanguage(header: String?, expected: String) throws {
        let headers: HTTPHeaders = header.map { ["Accept-Language": $0] } ?? [:]
        let request = try Request(method: .get, uri: "/", headers: headers)
        #expect(request.preferredLanguage(among: ["de", "en"], default: "en") == expected)
    }

    @Test(
        arguments: [("0", 0), ("1", 1000), ("0.5", 500), ("0.123", 123), ("1.000", 1000), ("0.", 0)]
            as [(Substring, Int)])
    func qualityValues(text: Substring, thousandths: Int) {
        #expect(LanguageNegotiation.parseQuality(text) == thousandths)
    }

    @Test(arguments: ["1.5", "2", "0.1234", ".5", "", "1.001", "0.a"] as [Substring])
    func invalidQualityValues(text: Substring) {
        #expect(LanguageNegotiation.parseQuality(text) == nil)
    }

    @Test func regionalVariantsAreOffered() throws {
        let request = try Request(method: .get, uri: "/", headers: ["Accept-Language": "de;q=0.4, de-AT"])
        #expect(request.preferredLanguage(among: ["de", "de-at"], default: "de") == "de-at")
    }
}

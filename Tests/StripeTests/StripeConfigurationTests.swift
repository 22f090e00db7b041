import Logging
import Testing

@testable import Stripe

@Suite struct StripeConfigurationTests {
    @Test func defaultsStayInsideTheRequestTimeout() throws {
        let configuration = StripeConfiguration(secretKey: "sk_test_abc")
        try configuration.validate()
        #expect(configuration.apiBase == "https://api.stripe.com")
        #expect(configuration.apiVersion == "2026-10-28.endive")
        #expect(configuration.totalTimeout <= 20)
        #expect(configuration.connectTimeout < configuration.attemptTimeout)
        #expect(configuration.attemptTimeout < configuration.totalTimeout)
    }

    @Test(arguments: [
        ("https://api.stripe.com", true), ("https://api.stripe.com/", true), ("http://127.0.0.1:8420", true),
        ("http://localhost:1", true), ("http://[::1]:9", true), ("http://api.stripe.com", false),
        ("http://127.0.0.1.evil.example", false), ("ftp://x", false), ("", false), ("https://a b", false),
    ])
    func apiBases(base: String, valid: Bool) {
        let configuration = StripeConfiguration(secretKey: "sk_test_abc", apiBase: base)
        #expect(((try? configuration.validate()) != nil) == valid)
    }

    @Test(arguments: [
        StripeConfiguration(secretKey: ""), StripeConfiguration(secretKey: "sk_test_a\r\nX-Evil: 1"),
        StripeConfiguration(secretKey: "sk_test_a", totalTimeout: 21),
        StripeConfiguration(secretKey: "sk_test_a", connectTimeout: 0),
        StripeConfiguration(secretKey: "sk_test_a", apiVersion: ""),
    ])
    func invalidConfigurationsNameTheProblem(_ configuration: StripeConfiguration) {
        #expect(throws: StripeError.self) { try configuration.validate() }
    }

    @Test func theDescriptionMasksTheKey() {
        let text = StripeConfiguration(secretKey: "sk_live_supersecret123").description
        #expect(text.contains("sk_live_…"))
        #expect(!text.contains("supersecret"))
    }

    @Test(arguments: [("order_0001", "checkout", 1, "order_0001-checkout-v1"), ("p-9", "expire", 3, "p-9-expire-v3")])
    func idempotencyKeysAreDerivedFromRows(row: String, operation: String, attempt: Int, expected: String) throws {
        #expect(try IdempotencyKey(rowID: row, operation: operation, attempt: attempt).value == expected)
    }

    @Test(arguments: ["", String(repeating: "k", count: 256), "a b", "a\nb", "ä"])
    func badIdempotencyKeysAreRefused(_ key: String) {
        #expect(throws: StripeError.self) { try IdempotencyKey(key) }
    }
}

import Testing

@testable import Signing

/// Known answers from `shared/stripe/test_vectors.json` (made with stripe-python's signer): the `v1`
/// signature is hex(HMAC-SHA256(secret, "{timestamp}.{raw body}")). Values copied here so the test is
/// self-contained.
@Suite struct StripeVectorTests {
    static let secret = "whsec_test_storefront_secret_0123456789abcdef"
    static let previousSecret = "whsec_test_storefront_previous_secret_ffff"
    static let smallBody = #"{"id":"evt_test_1","object":"event","type":"checkout.session.completed"}"#

    private func signature(secret: String, timestamp: Int, body: String) -> String {
        Hex.encode(HMAC.sha256(key: Array(secret.utf8), message: Array("\(timestamp).\(body)".utf8)))
    }

    @Test func smallBody() {
        #expect(
            signature(secret: Self.secret, timestamp: 1_700_000_000, body: Self.smallBody)
                == "52444d0407da44f67db58556135cd78c32c84ad89dd6f939c0104d10ce25e07e")
    }

    @Test func rotationSignsWithEverySecret() {
        #expect(
            signature(secret: Self.secret, timestamp: 1_700_000_000, body: Self.smallBody)
                == "52444d0407da44f67db58556135cd78c32c84ad89dd6f939c0104d10ce25e07e")
        #expect(
            signature(secret: Self.previousSecret, timestamp: 1_700_000_000, body: Self.smallBody)
                == "3975cbd6ecd49d6270774143438eb43f93068c577c4de8264e1bb8b4762984d2")
    }

    @Test func unicodeBodyIsSignedAsUTF8() {
        #expect(
            signature(secret: Self.secret, timestamp: 1_700_000_000, body: #"{"name":"Müller GmbH – Gutschein €"}"#)
                == "da7fe5fcf56cd59d7f42794e988b4f585ce008ea1cc5859498ceae48ff7f1c5e")
    }

    @Test func verificationComparesInConstantTime() throws {
        let expected = try #require(Hex.decode("52444d0407da44f67db58556135cd78c32c84ad89dd6f939c0104d10ce25e07e"))
        let computed = HMAC.sha256(
            key: Array(Self.secret.utf8), message: Array("1700000000.\(Self.smallBody)".utf8))
        #expect(constantTimeEquals(computed, expected))
        let tampered = HMAC.sha256(
            key: Array(Self.secret.utf8), message: Array("1700000001.\(Self.smallBody)".utf8))
        #expect(!constantTimeEquals(tampered, expected))
    }
}

import Signing
import Testing
import Web

@testable import Stripe

/// One known-answer vector from `test_vectors.json`.
struct SignatureVector: Sendable, CustomTestStringConvertible {
    var name: String
    var secrets: [String]
    var timestamp: Int64
    var header: String
    var perSecret: [String]
    var body: [UInt8]
    var testDescription: String { name }

    static func all() throws -> [SignatureVector] {
        let vectors = try #require(try Fixtures.json("test_vectors.json")["vectors"]?.arrayValue)
        return try vectors.map { vector in
            let body: [UInt8]
            if let file = vector["body_file"]?.stringValue {
                body = try Fixtures.bytes(String(file.dropFirst("fixtures/".count)))
                #expect(Hex.encode(SHA256.hash(body)) == vector["body_sha256"]?.stringValue)
            } else {
                body = Array(try #require(vector["body_utf8"]?.stringValue).utf8)
            }
            return SignatureVector(
                name: try #require(vector["name"]?.stringValue),
                secrets: try #require(vector["secrets"]?.arrayValue).compactMap(\.stringValue),
                timestamp: try #require(vector["timestamp"]?.int64Value),
                header: try #require(vector["header"]?.stringValue),
                perSecret: try #require(vector["v1_per_secret"]?.arrayValue).compactMap(\.stringValue), body: body)
        }
    }
}

@Suite struct WebhookSignatureTests {
    static let secret = "whsec_test_storefront_secret_0123456789abcdef"
    static let body = Array(#"{"id":"evt_test_1","object":"event","type":"checkout.session.completed"}"#.utf8)

    @Test func thereAreFourVectors() throws {
        #expect(try SignatureVector.all().count == 4)
    }

    @Test(arguments: try SignatureVector.all())
    func signMatchesTheOfficialLibrary(_ vector: SignatureVector) {
        #expect(
            WebhookSignature.sign(payload: vector.body, secrets: vector.secrets, timestamp: vector.timestamp)
                == vector.header)
        for (secret, expected) in zip(vector.secrets, vector.perSecret) {
            #expect(
                WebhookSignature.signature(payload: vector.body, secret: secret, timestamp: vector.timestamp)
                    == expected)
        }
    }

    @Test(arguments: try SignatureVector.all())
    func verifyAcceptsEachVectorUnderEachOfItsSecrets(_ vector: SignatureVector) throws {
        for secret in vector.secrets {
            let verifier = try WebhookSignature(secrets: [secret])
            #expect(
                try verifier.verify(payload: vector.body, header: vector.header, now: vector.timestamp)
                    == vector.timestamp)
        }
        // Rotation on our side: a configured list where only a later secret matches.
        let rotated = try WebhookSignature(secrets: ["whsec_not_this_one"] + vector.secrets)
        #expect(
            try rotated.verify(payload: vector.body, header: vector.header, now: vector.timestamp + 299)
                == vector.timestamp)
    }

    @Test(arguments: try SignatureVector.all())
    func aChangedBodyOrAWrongSecretIsRejected(_ vector: SignatureVector) throws {
        var tampered = vector.body
        tampered.append(UInt8(ascii: "\n"))
        let verifier = try WebhookSignature(secrets: vector.secrets)
        #expect(throws: StripeError.signatureMismatch) {
            try verifier.verify(payload: tampered, header: vector.header, now: vector.timestamp)
        }
        let wrong = try WebhookSignature(secrets: vector.secrets.map { String($0.dropFirst("whsec_".count)) })
        #expect(throws: StripeError.signatureMismatch) {
            try wrong.verify(payload: vector.body, header: vector.header, now: vector.timestamp)
        }
    }

    @Test(arguments: [
        (Int64(0), true), (300, true), (-300, true), (301, false), (-301, false), (3600, false), (-3600, false),
    ])
    func toleranceIsTwoSided(offset: Int64, accepted: Bool) throws {
        let header = WebhookSignature.sign(payload: Self.body, secret: Self.secret, timestamp: 1_700_000_000)
        let verifier = try WebhookSignature(secrets: [Self.secret])
        let now = 1_700_000_000 + offset
        if accepted {
            #expect(try verifier.verify(payload: Self.body, header: header, now: now) == 1_700_000_000)
        } else {
            #expect(throws: StripeError.timestampOutsideTolerance(skew: offset)) {
                try verifier.verify(payload: Self.body, header: header, now: now)
            }
        }
    }

    static let valid = "52444d0407da44f67db58556135cd78c32c84ad89dd6f939c0104d10ce25e07e"

    @Test(
        arguments: [
            ("t=1700000000,v1=\(valid)", nil),
            ("t=1700000000,v0=\(valid),v1=\(valid)", nil),
            ("t=1700000000,v1=\(String(repeating: "0", count: 64)),v1=\(valid)", nil),
            ("t=1700000000,v1=\(valid),scheme=x,=,garbage", nil),
            ("t=1700000000,t=1,v1=\(valid)", nil),
            ("t=1700000000,v0=\(valid)", StripeError.noV1Signature),
            ("t=1700000000", StripeError.noV1Signature),
            ("t=1700000000, v1=\(valid)", StripeError.noV1Signature),
            ("t=1700000000,v1=\(valid.uppercased())", StripeError.signatureMismatch),
            ("t=1700000000,v1=\(valid.prefix(63))", StripeError.signatureMismatch),
            ("t=1700000000,v1=\(valid)00", StripeError.signatureMismatch),
            ("t=1700000001,v1=\(valid)", StripeError.signatureMismatch),
            ("v1=\(valid)", StripeError.malformedSignatureHeader),
            ("t=abc,v1=\(valid)", StripeError.malformedSignatureHeader),
            ("t=-1700000000,v1=\(valid)", StripeError.malformedSignatureHeader),
            ("t=,v1=\(valid)", StripeError.malformedSignatureHeader),
            ("", StripeError.missingSignature),
        ] as [(String, StripeError?)])
    func headerParsing(header: String, expected: StripeError?) throws {
        let verifier = try WebhookSignature(secrets: [Self.secret])
        if let expected {
            #expect(throws: expected) { try verifier.verify(payload: Self.body, header: header, now: 1_700_000_000) }
        } else {
            #expect(try verifier.verify(payload: Self.body, header: header, now: 1_700_000_000) == 1_700_000_000)
        }
    }

    @Test func aMissingHeaderIsReported() throws {
        let verifier = try WebhookSignature(secrets: [Self.secret])
        #expect(throws: StripeError.missingSignature) { try verifier.verify(payload: Self.body, header: nil) }
    }

    @Test func aCurrentSignatureVerifiesWithTheRealClock() throws {
        let now = WebhookSignature.currentTime()
        let header = WebhookSignature.sign(payload: Self.body, secret: Self.secret, timestamp: now)
        #expect(try WebhookSignature(secrets: [Self.secret]).verify(payload: Self.body, header: header) == now)
    }

    @Test(arguments: [
        ("whsec_a", ["whsec_a"]), ("whsec_a,whsec_b", ["whsec_a", "whsec_b"]),
        (" whsec_a , whsec_b ,", ["whsec_a", "whsec_b"]),
        ("", []), (",,", []),
    ])
    func secretListsSplitOnCommas(list: String, secrets: [String]) {
        #expect(WebhookSignature.secrets(fromList: list) == secrets)
    }

    @Test func noSecretIsAConfigurationError() {
        #expect(throws: StripeError.self) { try WebhookSignature(secrets: []) }
        #expect(throws: StripeError.self) { try WebhookSignature(secrets: [""]) }
        #expect(throws: StripeError.self) { try WebhookSignature(secrets: ["whsec_a"], tolerance: -1) }
    }

    @Test func descriptionsCarryNoSecretOrSignature() throws {
        let verifier = try WebhookSignature(secrets: [Self.secret])
        do {
            try verifier.verify(
                payload: Self.body, header: "t=1700000000,v1=\(String(repeating: "a", count: 64))", now: 1_700_000_000)
            Issue.record("expected a mismatch")
        } catch {
            #expect(!error.description.contains(Self.secret))
            #expect(!error.description.contains("aaaa"))
        }
    }
}

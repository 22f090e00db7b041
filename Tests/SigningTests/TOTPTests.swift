import Testing

@testable import Signing

/// RFC 6238 appendix B (SHA-1 rows, 8 digits there; the last 6 are what a 6-digit TOTP shows) and RFC 4226
/// appendix D, plus the window and replay-relevant step logic.
@Suite struct TOTPTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    @Test(arguments: [
        (Int64(59), "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func rfc6238Vectors(time: Int64, expected: String) {
        #expect(TOTP.code(secret: Self.rfcSecret, counter: TOTP.step(at: time), digits: 8) == expected)
        #expect(TOTP.code(secret: Self.rfcSecret, counter: TOTP.step(at: time)) == String(expected.suffix(6)))
    }

    @Test(
        arguments: Array(
            zip(
                0..<10,
                ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"])))
    func rfc4226Vectors(counter: Int, expected: String) {
        #expect(TOTP.code(secret: Self.rfcSecret, counter: Int64(counter)) == expected)
    }

    @Test func theWindowIsOneStepEitherWay() {
        let now: Int64 = 1_234_567_890
        let step = TOTP.step(at: now)
        for offset: Int64 in -1...1 {
            let code = TOTP.code(secret: Self.rfcSecret, counter: step + offset)
            #expect(TOTP.matchingStep(secret: Self.rfcSecret, code: code, at: now) == step + offset)
        }
        for offset: Int64 in [-2, 2] {
            let code = TOTP.code(secret: Self.rfcSecret, counter: step + offset)
            #expect(TOTP.matchingStep(secret: Self.rfcSecret, code: code, at: now) == nil)
        }
        #expect(TOTP.matchingStep(secret: Self.rfcSecret, code: "12345", at: now) == nil)
        #expect(TOTP.matchingStep(secret: Self.rfcSecret, code: "abcdef", at: now) == nil)
    }

    @Test func base32RoundTripsAndMatchesRFC4648() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode(Array("f".utf8)) == "MY")
        #expect(Base32.decode("mzxw6ytboi======") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW-6YTB OI") == Array("foobar".utf8))
        #expect(Base32.decode("MZ1") == nil)
        let secret = (0..<20).map { UInt8($0 * 13 % 256) }
        #expect(Base32.decode(Base32.encode(secret)) == secret)
    }

    @Test func theProvisioningURINamesIssuerAndAccount() {
        let uri = TOTP.provisioningURI(secret: Self.rfcSecret, account: "ops@codezero.example", issuer: "Code Zero")
        #expect(
            uri == "otpauth://totp/Code%20Zero:ops@codezero.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Code%20Zero&algorithm=SHA1&digits=6&period=30")
    }
}

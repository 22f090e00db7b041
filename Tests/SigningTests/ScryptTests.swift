import Testing

@testable import Signing

@Suite struct ScryptTests {
    @Test func rfc7914SmallVector() throws {
        let key = try Scrypt.derive(password: [], salt: [], n: 16, r: 1, p: 1, length: 64)
        #expect(
            Hex.encode(key)
                == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
    }

    @Test func rfc7914PasswordNaClVector() throws {
        let key = try Scrypt.derive(
            password: Array("password".utf8), salt: Array("NaCl".utf8), n: 1024, r: 8, p: 16, length: 64)
        #expect(
            Hex.encode(key)
                == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test(
        arguments: [
            (UInt64(0), 1, 1, 32), (15, 1, 1, 32), (1, 1, 1, 32), (16, 0, 1, 32), (16, 1, 0, 32), (16, 1, 1, 0),
        ]
            as [(UInt64, UInt64, UInt64, Int)])
    func rejectsInvalidParameters(n: UInt64, r: UInt64, p: UInt64, length: Int) {
        #expect(throws: SigningError.self) {
            try Scrypt.derive(password: [1], salt: [2], n: n, r: r, p: p, length: length)
        }
    }
}

@Suite struct PasswordHashTests {
    static let cheap = PasswordHash.Parameters(logN: 10, r: 8, p: 1)

    @Test func defaultParametersRoundTrip() throws {
        let encoded = try PasswordHash.hash(password: "correct horse battery staple")
        #expect(encoded.hasPrefix("scrypt$ln=17$r=8$p=1$"))
        #expect(PasswordHash.verify(password: "correct horse battery staple", against: encoded))
        #expect(!PasswordHash.verify(password: "correct horse battery stapl", against: encoded))
        #expect(!PasswordHash.needsRehash(encoded))
    }

    @Test func formatAndSalting() throws {
        let first = try PasswordHash.hash(password: "pässwörd", parameters: Self.cheap)
        let second = try PasswordHash.hash(password: "pässwörd", parameters: Self.cheap)
        #expect(first != second)
        let parts = first.split(separator: "$")
        #expect(parts.count == 6)
        #expect(parts[1] == "ln=10" && parts[2] == "r=8" && parts[3] == "p=1")
        #expect(Base64.decode(String(parts[4]))?.count == 16)
        #expect(Base64.decode(String(parts[5]))?.count == 32)
        #expect(PasswordHash.verify(password: "pässwörd", against: first))
        #expect(PasswordHash.verify(password: "pässwörd", against: second))
        #expect(!PasswordHash.verify(password: "passwörd", against: first))
        #expect(!PasswordHash.verify(password: "", against: first))
        #expect(PasswordHash.needsRehash(first))
        #expect(!PasswordHash.needsRehash(first, parameters: Self.cheap))
    }

    @Test func knownHashVerifies() throws {
        // Salt "0123456789abcdef" (16 bytes), ln=4 r=1 p=1, computed with Python's hashlib.scrypt.
        let encoded = "scrypt$ln=4$r=1$p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + Self.knownHash
        #expect(PasswordHash.verify(password: "secret", against: encoded))
        #expect(!PasswordHash.verify(password: "Secret", against: encoded))
    }

    static let knownHash = "GjoPw1StFDRBVvgvd41tTWreq8EdhAX+hj4z7gTMkcg"

    @Test(arguments: [
        "",
        "scrypt",
        "bcrypt$ln=10$r=8$p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$ln=10$r=8$p=1$MDEyMzQ1Njc4OWFiY2RlZg",
        "scrypt$ln=10$r=8$p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAA$extra",
        "scrypt$ln=x$r=8$p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$ln=+9$r=8$p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$ln=010$r=8$p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$ln=30$r=8$p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$ln=20$r=32$p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$ln=10$r=8$p=1$!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$ln=10$r=8$p=1$MDEy$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$ln=10$r=8$p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAA",
        "scrypt$r=8$ln=10$p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ])
    func rejectsMalformedStrings(encoded: String) {
        #expect(!PasswordHash.verify(password: "secret", against: encoded))
        #expect(PasswordHash.needsRehash(encoded))
    }

    @Test func rejectsUnacceptableParametersWhenHashing() {
        #expect(throws: SigningError.self) {
            try PasswordHash.hash(password: "x", parameters: .init(logN: 25, r: 8, p: 1))
        }
    }
}

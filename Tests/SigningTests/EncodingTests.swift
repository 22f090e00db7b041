import Testing

@testable import Signing

@Suite struct HexTests {
    @Test func roundTrip() {
        let bytes: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xAB, 0xFF]
        #expect(Hex.encode(bytes) == "00017f80abff")
        #expect(Hex.decode("00017f80abff") == bytes)
        #expect(Hex.decode("00017F80ABFF") == bytes)
        #expect(Hex.decode("") == [])
    }

    @Test(arguments: ["0", "abc", "zz", "0g", " 00", "00 "])
    func rejectsInvalidHex(text: String) {
        #expect(Hex.decode(text) == nil)
    }
}

@Suite struct Base64Tests {
    /// RFC 4648 §10 test vectors.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
        let unpadded = String(encoded.prefix { $0 != "=" })
        #expect(Base64.encode(Array(plain.utf8), padding: false) == unpadded)
        #expect(Base64.decode(unpadded) == Array(plain.utf8))
    }

    @Test func urlAlphabet() {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64.encode(bytes) == "+/+/")
        #expect(Base64.encode(bytes, alphabet: .url) == "-_-_")
        #expect(Base64.decode("-_-_", alphabet: .url) == bytes)
        #expect(Base64.decode("-_-_") == nil)
        #expect(Base64.decode("+/+/", alphabet: .url) == nil)
    }

    @Test(arguments: ["Z", "Zg=", "Zg===", "Z===", "Zm9v=", "Zh==", "Zm9=", "Zg==Zg==", "Zm 9v", "Zm9v\n"])
    func rejectsMalformedInput(text: String) {
        #expect(Base64.decode(text) == nil)
    }
}

@Suite struct ConstantTimeTests {
    @Test(
        arguments: [
            ([], [], true), ([1, 2, 3], [1, 2, 3], true), ([1, 2, 3], [1, 2, 4], false), ([1, 2, 3], [1, 2], false),
            ([1, 2], [1, 2, 3], false), ([], [0], false), ([0], [], false), ([0x80], [0x00], false),
        ] as [([UInt8], [UInt8], Bool)])
    func comparisons(lhs: [UInt8], rhs: [UInt8], equal: Bool) {
        #expect(constantTimeEquals(lhs, rhs) == equal)
    }
}

@Suite struct SecureRandomTests {
    @Test func bytesHaveTheRequestedLengthAndDiffer() {
        #expect(SecureRandom.bytes(count: 0).isEmpty)
        let first = SecureRandom.bytes(count: 32)
        let second = SecureRandom.bytes(count: 32)
        #expect(first.count == 32)
        #expect(first != second)
        // 64 random bytes being all zero has probability 2^-512.
        #expect(SecureRandom.bytes(count: 64).contains { $0 != 0 })
    }

    @Test func tokensAreBase64URLWithoutPadding() {
        let token = SecureRandom.token()
        #expect(token.utf8.count == 43)
        #expect(
            token.utf8.allSatisfy { byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_")
            })
        #expect(Base64.decode(token, alphabet: .url)?.count == 32)
        #expect(SecureRandom.token(bytes: 16).utf8.count == 22)
        #expect(SecureRandom.token() != SecureRandom.token())
    }
}

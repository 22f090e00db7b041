import Testing

@testable import Domain

@Suite struct EmailAddressTests {
    @Test(arguments: [
        ("anna@example.com", "anna@example.com", "anna@example.com"),
        ("  Anna.Schmidt@Example.DE ", "Anna.Schmidt@example.de", "anna.schmidt@example.de"),
        ("first+tag@sub.example.co.uk", "first+tag@sub.example.co.uk", "first+tag@sub.example.co.uk"),
        ("o'neil@xn--mller-kva.de", "o'neil@xn--mller-kva.de", "o'neil@xn--mller-kva.de"),
    ])
    func acceptsAndNormalises(raw: String, value: String, normalized: String) throws {
        let address = try #require(EmailAddress(raw))
        #expect(address.value == value)
        #expect(address.normalized == normalized)
    }

    @Test(arguments: [
        ("", EmailAddress.Rejection.empty), ("   ", .empty),
        ("plain", .malformed), ("@example.com", .malformed), ("anna@", .malformed), ("anna@localhost", .malformed),
        ("anna@example..com", .malformed), (".anna@example.com", .malformed), ("an..na@example.com", .malformed),
        ("anna.@example.com", .malformed), ("an na@example.com", .malformed), ("anna@exa_mple.com", .malformed),
        ("anna@-example.com", .malformed), ("anna@example.123", .malformed), ("anna@müller.de", .malformed),
        ("a\"b@example.com", .malformed),
        (String(repeating: "a", count: 65) + "@example.com", .malformed),
        ("a@" + String(repeating: "b", count: 250) + ".de", .tooLong),
    ])
    func refuses(raw: String, rejection: EmailAddress.Rejection) {
        guard case .failure(let reason) = EmailAddress.parse(raw) else {
            Issue.record("accepted \(raw)")
            return
        }
        #expect(reason == rejection)
        #expect(EmailAddress(raw) == nil)
    }

    @Test func identityIgnoresCase() throws {
        let lower = try #require(EmailAddress("anna@example.com"))
        let upper = try #require(EmailAddress("ANNA@EXAMPLE.COM"))
        #expect(lower == upper)
        #expect(Set([lower, upper]).count == 1)
        #expect(lower.value != upper.value)
        #expect(lower != EmailAddress("anna2@example.com"))
    }

    /// The parser reads bytes in place; its answers (value, normalised form or rejection) are those of the rules as
    /// first written (below, allocating), for every string of up to five pieces of an alphabet with the separators,
    /// capitals, symbols, digits, blanks and non-ASCII text.
    @Test func answersWhatTheRulesAsFirstWrittenAnswer() {
        func reference(_ raw: String) -> Result<(String, String), EmailAddress.Rejection> {
            func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
            func alnum(_ byte: UInt8) -> Bool {
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            }
            let trimmed = raw.trimmedWhitespace
            if trimmed.isEmpty { return .failure(.empty) }
            let bytes = Array(trimmed.utf8)
            if bytes.count > 254 { return .failure(.tooLong) }
            guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return .failure(.malformed) }
            let local = bytes[..<at]
            let domain = bytes[(at + 1)...].map(lower)
            var localValid = (1...64).contains(local.count) && local.first != 0x2E && local.last != 0x2E
            var previous: UInt8 = 0
            for byte in local where localValid {
                let dot = byte == 0x2E
                if !(alnum(byte) || dot || EmailAddress.allowedLocalSymbols.contains(byte)) { localValid = false }
                if dot && previous == 0x2E { localValid = false }
                previous = byte
            }
            let labels = domain.split(separator: 0x2E, omittingEmptySubsequences: false)
            let domainValid =
                (1...253).contains(domain.count) && labels.count >= 2
                && labels.allSatisfy {
                    (1...63).contains($0.count) && $0.first != 0x2D && $0.last != 0x2D
                        && $0.allSatisfy { alnum($0) || $0 == 0x2D }
                } && !labels[labels.count - 1].allSatisfy { (0x30...0x39).contains($0) }
            guard localValid, domainValid else { return .failure(.malformed) }
            let value = String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self)
            return .success((value, String(decoding: value.utf8.map(lower), as: UTF8.self)))
        }
        let alphabet = ["a", "Z", ".", "@", "-", "7", "+", " ", "ü", "_", "\"", "xn--", "Ex", "~"]
        var checked = 0
        func check(_ raw: String) {
            checked += 1
            switch (EmailAddress.parse(raw), reference(raw)) {
            case (.success(let address), .success(let expected)):
                #expect(address.value == expected.0 && address.normalized == expected.1, "\(raw.debugDescription)")
            case (.failure(let rejection), .failure(let expected)):
                #expect(rejection == expected, "\(raw.debugDescription)")
            case (let parsed, _):
                Issue.record("\(raw.debugDescription): \(parsed) differs from the rules as first written")
            }
        }
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    for d in alphabet {
                        check(a + b + c + d)
                        check("x" + a + b + "@" + c + d + ".de")
                    }
                }
            }
        }
        for length in [63, 64, 65, 250, 251, 252, 253, 254, 255] {
            check(String(repeating: "a", count: length) + "@b.de")
            check("a@" + String(repeating: "b", count: length) + ".de")
            check("A@" + String(repeating: "b.", count: length / 2) + "De")
        }
        #expect(checked == 2 * 14 * 14 * 14 * 14 + 27)
    }
}

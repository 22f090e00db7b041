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
}

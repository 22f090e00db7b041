import Domain
import Testing

@Suite struct TextRuleTests {
    @Test(arguments: [
        "a\u{0}b", "ACME\r\nBcc: x", "bell\u{7}", "tab\tseparated", "del\u{7F}", "c1\u{85}", "ls\u{2028}",
    ])
    func controlCharactersAreRefusedInASingleLine(text: String) {
        #expect(TextRule(maximumCharacters: 100).violation(in: text) == .controlCharacter)
    }

    @Test func lineBreaksAndTabsAreAcceptedInAMultilineFieldButNulAndBelAreNot() {
        let rule = TextRule.multiline(maximumCharacters: 100)
        #expect(rule.violation(in: "Hello,\r\n\tthanks\nBye\u{2028}") == nil)
        #expect(rule.violation(in: "a\u{0}") == .controlCharacter)
        #expect(rule.violation(in: "a\u{7}") == .controlCharacter)
    }

    @Test func ordinaryTextIncludingNonLatinScriptsAndEmojiIsAccepted() {
        #expect(TextRule(maximumCharacters: 40).violation(in: "Müller & Söhne GmbH — Zürich 東京 👩‍💻") == nil)
    }

    @Test func lengthIsLimitedInCharactersAndInBytes() {
        let rule = TextRule(maximumCharacters: 5)
        #expect(rule.violation(in: "abcde") == nil)
        #expect(rule.violation(in: "abcdef") == .tooLong)
        #expect(rule.violation(in: "ääääää") == .tooLong)
        // One grapheme with 30 combining marks: 31 characters (Unicode scalars, as JSON Schema counts), 61 bytes.
        let zalgo = "a" + String(repeating: "\u{301}", count: 30)
        #expect(zalgo.count == 1)
        #expect(rule.violation(in: zalgo) == .tooLong)
        #expect(TextRule(maximumCharacters: 31, maximumBytes: 100).violation(in: zalgo) == nil)
        #expect(TextRule(maximumCharacters: 30, maximumBytes: 100).violation(in: zalgo) == .tooLong)
        #expect(TextRule(maximumCharacters: 40, maximumBytes: 60).violation(in: zalgo) == .tooLong)
    }

    @Test func aControlCharacterIsNamedBeforeTheLength() {
        #expect(TextRule(maximumCharacters: 2).violation(in: "abc\u{0}") == .controlCharacter)
    }

    @Test func anUnlimitedRuleDoesNotOverflow() {
        #expect(TextRule(maximumCharacters: .max).maximumBytes == .max)
    }

    @Test func registrationRefusesControlCharactersInTheCompanyNameAndAddress() throws {
        let result = Registration.validate(
            email: "a@example.com", password: "correct horse battery", companyName: "ACME\u{7} GmbH\r\nX",
            country: "DE", vatId: nil, billingAddress: BillingAddress(street: "Haupt\u{0}straße 1", city: "Berlin"))
        guard case .failure(let errors) = result else {
            Issue.record("accepted a company name with control characters")
            return
        }
        let problems = Dictionary(uniqueKeysWithValues: errors.fields.map { ($0.field, $0.problem) })
        #expect(problems["company_name"] == .controlCharacter)
        #expect(problems["billing_address.street"] == .controlCharacter)
        #expect(problems["billing_address.city"] == nil)
    }
}

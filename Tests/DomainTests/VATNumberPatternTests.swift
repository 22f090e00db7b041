import Testing

@testable import Domain

@Suite struct VATNumberPatternTests {
    private func matches(_ pattern: VATNumberPattern, _ text: String) -> Bool {
        pattern.matches(Array(text.utf8))
    }

    @Test func fixedLengthIsAnchoredAtBothEnds() {
        let pattern = VATNumberPattern(.literal("U"), .digits(8))
        #expect(matches(pattern, "U12345678"))
        #expect(!matches(pattern, "U1234567"))
        #expect(!matches(pattern, "U123456789"))
        #expect(!matches(pattern, "X12345678"))
        #expect(!matches(pattern, ""))
    }

    @Test func variableCountsBacktrack() {
        // Like [0-9]{1,3}[0-9]{2}: the first element must give back digits to the second.
        let pattern = VATNumberPattern(.digits(1...3), .digits(2))
        #expect(matches(pattern, "123"))
        #expect(matches(pattern, "12345"))
        #expect(!matches(pattern, "12"))
        #expect(!matches(pattern, "123456"))
    }

    @Test func optionalElementAndAlternatives() {
        let irish = VATNumberRule.rules["IE"]!.pattern
        #expect(matches(irish, "6433435F"))
        #expect(matches(irish, "6433435OA"))
        #expect(matches(irish, "8D79739I"))
        #expect(matches(irish, "8+79739I"))
        #expect(!matches(irish, "6433435OX"))
        #expect(!matches(irish, "6433435"))
        #expect(!matches(irish, "8D79739X"))
    }

    @Test func everyMemberStateHasARule() {
        let prefixes = Set(Country.euMemberStates.compactMap(\.vatPrefix))
        #expect(Set(VATNumberRule.rules.keys) == prefixes)
        #expect(prefixes.count == 27)
    }
}

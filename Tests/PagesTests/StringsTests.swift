import Domain
import Foundation
import Testing

@testable import Pages

@Suite struct StringsTests {
    @Test func everyKeyExistsInEveryLanguage() {
        let german = Set(Strings.table(for: .de).keys)
        let english = Set(Strings.table(for: .en).keys)
        #expect(german.subtracting(english).isEmpty, "missing in English: \(german.subtracting(english).sorted())")
        #expect(english.subtracting(german).isEmpty, "missing in German: \(english.subtracting(german).sorted())")
    }

    @Test(arguments: Language.allCases) func noStringIsEmpty(language: Language) {
        for (key, value) in Strings.table(for: language) {
            #expect(!value.trimmingCharacters(in: .whitespaces).isEmpty, "\(language.rawValue).\(key) is empty")
        }
    }

    @Test func germanAndEnglishDifferWhereTheyShould() {
        let german = Strings.table(for: .de)
        let english = Strings.table(for: .en)
        #expect(german["home_heading"] != english["home_heading"])
        #expect(german["b2b_notice"] != english["b2b_notice"])
    }
}

import Testing

@testable import Domain

@Suite struct PasswordPolicyTests {
    static let email = EmailAddress("Erika.Muster@example.de")!

    @Test(
        arguments: [
            ("", PasswordPolicy.Rejection.tooShort(minimum: 8)), ("seven77", .tooShort(minimum: 8)),
            ("ääääääää", nil),  // eight characters, sixteen bytes
            ("abcdefgh", .tooCommon), ("password1", .tooCommon), ("PassWord1", .tooCommon), ("iloveyou", .tooCommon),
            ("qwertyuiop", .tooCommon), ("passwort", .tooCommon), ("12345678", .tooCommon),
            ("erika.muster@example.de", .matchesEmail), ("ERIKA.MUSTER", .matchesEmail),
            ("korrekt Pferd Batterie Heftklammer", nil), ("x7#kQ2!vLp", nil),
            (String(repeating: "z", count: 128), nil), (String(repeating: "z", count: 129), .tooLong(maximum: 128)),
        ] as [(String, PasswordPolicy.Rejection?)])
    func checks(password: String, rejection: PasswordPolicy.Rejection?) {
        #expect(PasswordPolicy.standard.check(password, email: Self.email) == rejection)
    }

    @Test func atLeastSixtyFourCharactersAreAllowed() {
        #expect(PasswordPolicy.standard.maximumLength >= 64)
        #expect(PasswordPolicy.standard.check(String(repeating: "Lang genug ", count: 6), email: nil) == nil)
    }

    @Test func theShippedListIsLoadedAndOnlyHoldsLongEntries() {
        #expect(CommonPasswords.entries.count > 8000)
        #expect(CommonPasswords.entries.allSatisfy { $0.count >= 8 && $0 == $0.lowercased() })
        #expect(CommonPasswords.contains("Sunshine1"))
        #expect(!CommonPasswords.contains("korrekt Pferd Batterie Heftklammer"))
    }
}

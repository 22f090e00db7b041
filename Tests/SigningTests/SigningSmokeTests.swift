import Testing

@testable import Signing

@Test func signingModuleLinks() {
    #expect(String(describing: SigningModule.self) == "SigningModule")
}

import Testing
@testable import Domain

@Test func domainModuleLinks() {
    #expect(String(describing: DomainModule.self) == "DomainModule")
}

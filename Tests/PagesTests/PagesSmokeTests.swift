import Testing
@testable import Pages

@Test func pagesModuleLinks() {
    #expect(String(describing: PagesModule.self) == "PagesModule")
}

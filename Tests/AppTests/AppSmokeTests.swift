import Testing
@testable import App

@Test func appModuleLinks() {
    #expect(String(describing: AppModule.self) == "AppModule")
}

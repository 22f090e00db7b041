import Testing

@testable import Web

@Test func webModuleLinks() {
    #expect(String(describing: WebModule.self) == "WebModule")
}

import Testing

@testable import FastCGI

@Test func fastcgiModuleLinks() {
    #expect(String(describing: FastCGIModule.self) == "FastCGIModule")
}

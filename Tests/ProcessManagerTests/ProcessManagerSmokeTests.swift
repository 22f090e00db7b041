import Testing
@testable import ProcessManager

@Test func processmanagerModuleLinks() {
    #expect(String(describing: ProcessManagerModule.self) == "ProcessManagerModule")
}

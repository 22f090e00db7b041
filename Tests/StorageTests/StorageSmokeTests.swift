import Testing
@testable import Storage

@Test func storageModuleLinks() {
    #expect(String(describing: StorageModule.self) == "StorageModule")
}

import Testing
@testable import Postgres

@Test func postgresModuleLinks() {
    #expect(String(describing: PostgresModule.self) == "PostgresModule")
}

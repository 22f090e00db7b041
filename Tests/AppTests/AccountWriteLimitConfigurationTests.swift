import Domain
import Testing

@testable import App

/// `CODEZERO_ACCOUNT_WRITE_LIMIT`: the per-account API write budget keeps its default unless set, and only accepts a
/// positive whole number (a load test raises it; nothing lowers it to zero by accident).
@Suite struct AccountWriteLimitConfigurationTests {
    @Test func theDefaultIsThreeHundredAMinute() throws {
        let configuration = try Configuration.load(
            environment: ["CODEZERO_ENV": "development"], workingDirectory: "/srv")
        #expect(configuration.accountWrites == RateLimit(limit: 300, window: 60))
        #expect(configuration.effectiveSettings().contains { $0 == ("CODEZERO_ACCOUNT_WRITE_LIMIT", "300") })
    }

    @Test func aLoadTestRaisesIt() throws {
        let configuration = try Configuration.load(
            environment: ["CODEZERO_ENV": "development", "CODEZERO_ACCOUNT_WRITE_LIMIT": "1000000"],
            workingDirectory: "/srv")
        #expect(configuration.accountWrites == RateLimit(limit: 1_000_000, window: 60))
    }

    @Test(arguments: ["0", "-5", "many", "1.5"]) func anythingButAPositiveNumberIsRefused(value: String) {
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(
                environment: ["CODEZERO_ENV": "development", "CODEZERO_ACCOUNT_WRITE_LIMIT": value],
                workingDirectory: "/srv")
        }
    }
}

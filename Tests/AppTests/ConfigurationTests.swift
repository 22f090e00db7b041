import Mail
import ProcessManager
import Settings
import Testing

@testable import App

@Suite struct ConfigurationTests {
    static let development = ["CODEZERO_ENV": "development"]

    @Test func defaultsFollowTheContract() throws {
        let configuration = try Configuration.load(environment: Self.development, workingDirectory: "/srv/cz")
        #expect(configuration.environment == .development)
        #expect(configuration.varDirectory == "/srv/cz/var")
        #expect(configuration.pool.scoreboardPath == "/srv/cz/var/run/pool.scoreboard")
        #expect(configuration.stopTimeout == 35 && configuration.pool.stopTimeout == 35)
        #expect(!configuration.testRoutes && configuration.workerSlot == nil)
        #expect(configuration.workers == 4)
        #expect(configuration.httpsPort == 8443)
        #expect(configuration.publicURL == "https://localhost:8443")
        #expect(configuration.socketPath == "/srv/cz/var/run/codezero.sock")
        #expect(configuration.isStripeMockMode)
    }

    @Test func everyProblemIsNamedWithItsKey() {
        do {
            _ = try Configuration.load(
                environment: [
                    "CODEZERO_WORKERS": "zero", "CODEZERO_HTTPS_PORT": "70000", "CODEZERO_LOG_LEVEL": "loud",
                    "STRIPE_SECRET_KEY": "pk_live_nope", "STRIPE_WEBHOOK_SECRET": "whsec_a,bad",
                    "CODEZERO_STOP_TIMEOUT": "soon",
                ], workingDirectory: "/srv")
            Issue.record("an invalid configuration was accepted")
        } catch {
            let keys = Set(error.problems.map(\.key))
            #expect(
                keys.isSuperset(of: [
                    "CODEZERO_WORKERS", "CODEZERO_HTTPS_PORT", "CODEZERO_LOG_LEVEL", "STRIPE_SECRET_KEY",
                    "STRIPE_WEBHOOK_SECRET", "CODEZERO_STOP_TIMEOUT",
                ]))
            #expect(!error.description.contains("pk_live_nope"))
        }
    }

    /// `CODEZERO_STOP_TIMEOUT=35s` is written like its neighbour `CODEZERO_REQUEST_TIMEOUT=30s`; both are read
    /// by one reader with one duration grammar (it used to exit 78).
    @Test(arguments: ["35s", "35", "35000ms"])
    func durationsShareOneGrammar(stopTimeout: String) throws {
        let configuration = try Configuration.load(
            environment: Self.development.merging([
                "CODEZERO_STOP_TIMEOUT": stopTimeout, "CODEZERO_REQUEST_TIMEOUT": "30s",
                "CODEZERO_PM_CRASH_WINDOW": "1min",
            ]) { $1 }, workingDirectory: "/srv")
        #expect(configuration.stopTimeout == 35)
        #expect(configuration.pool.requestTimeout == 30)
        #expect(configuration.pool.crashWindow == 60)
    }

    /// One range for `CODEZERO_WORKERS`, the pool's.
    @Test(arguments: [("1", true), ("300", true), ("1024", true), ("1025", false), ("0", false)])
    func workersHaveOneRange(workers: String, valid: Bool) {
        let result = Result { () throws(ConfigurationError) in
            try Configuration.load(
                environment: Self.development.merging(["CODEZERO_WORKERS": workers]) { $1 }, workingDirectory: "/srv")
        }
        switch result {
        case .success(let configuration): #expect(valid && configuration.workers == Int(workers))
        case .failure(let error): #expect(!valid && error.problems.map(\.key) == ["CODEZERO_WORKERS"])
        }
    }

    /// Production (the default) refuses mock payments, naming the key; development allows them.
    @Test func productionRefusesToStartInMockPaymentMode() throws {
        #expect {
            _ = try Configuration.load(environment: [:], workingDirectory: "/srv")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.problems.map(\.key) == ["CODEZERO_SELLER_NAME", "CODEZERO_SMTP_URL", "STRIPE_SECRET_KEY"]
                && error.description.contains("STRIPE_SECRET_KEY: is required in production")
                && error.description.contains("CODEZERO_SMTP_URL: is required in production")
        }
        let production = try Configuration.load(
            environment: SellerConfigurationTests.seller.merging([
                "CODEZERO_ENV": "production", "STRIPE_SECRET_KEY": "sk_live_abcdefghijkl",
                "CODEZERO_SMTP_URL": "smtp://mailer:s3cr%40t@mail.example.com:587",
            ]) { $1 },
            workingDirectory: "/srv")
        #expect(production.mail.smtp?.password == "s3cr@t")
        #expect(!production.effectiveSettings().map(\.value).joined().contains("s3cr"))
        #expect(production.environment == .production && !production.isStripeMockMode)
        #expect(try Configuration.load(environment: Self.development, workingDirectory: "/srv").isStripeMockMode)
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(environment: ["CODEZERO_ENV": "staging"], workingDirectory: "/srv")
        }
    }

    /// `check-config` names every key of the one configuration, the pool's included, once each.
    @Test func effectiveSettingsNameEveryKeyOfBothOnce() throws {
        let keys = try Configuration.load(environment: Self.development, workingDirectory: "/srv").effectiveSettings()
            .map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(Set(keys).isSuperset(of: PoolConfiguration.environmentKeys))
        #expect(
            Set(keys).isSuperset(of: ["CODEZERO_ENV", "CODEZERO_WORKERS", "CODEZERO_TEST_ROUTES", "STRIPE_SECRET_KEY"]))
        #expect(keys == Configuration.environmentKeys)
    }

    @Test func theWorkersAssignmentIsReadAtStartUp() throws {
        let configuration = try Configuration.load(
            environment: Self.development.merging([
                "CODEZERO_SCOREBOARD_SLOT": "3", "CODEZERO_GENERATION": "2", "CODEZERO_SCOREBOARD": "/run/cz/board",
                "CODEZERO_TEST_ROUTES": "1",
            ]) { $1 }, workingDirectory: "/srv")
        #expect(configuration.workerSlot == 3 && configuration.workerGeneration == 2)
        #expect(configuration.pool.scoreboardPath == "/run/cz/board" && configuration.testRoutes)
    }

    @Test func secretsAreMaskedInTheEffectiveSettings() throws {
        let configuration = try Configuration.load(
            environment: [
                "STRIPE_SECRET_KEY": "sk_test_supersecretvalue", "STRIPE_WEBHOOK_SECRET": "whsec_abcdefghijkl",
                "DATABASE_URL": "postgresql://app:hunter22@db.example/codezero",
                "CODEZERO_SMTP_URL": "smtps://mailer:hunter33@mail.example.com",
            ].merging(SellerConfigurationTests.seller) { $1 }, workingDirectory: "/srv")
        let text = configuration.effectiveSettings().map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        #expect(!text.contains("supersecretvalue"))
        #expect(!text.contains("abcdefghijkl"))
        #expect(!text.contains("hunter22"))
        #expect(
            !text.contains("hunter33") && text.contains("CODEZERO_SMTP_URL=smtps://mailer:****@mail.example.com:465"))
        #expect(text.contains("STRIPE_SECRET_KEY="))
    }
}

import Testing

@testable import App

@Suite struct ConfigurationTests {
    @Test func defaultsFollowTheContract() throws {
        let configuration = try Configuration.load(environment: [:], workingDirectory: "/srv/cz")
        #expect(configuration.varDirectory == "/srv/cz/var")
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
                ], workingDirectory: "/srv")
            Issue.record("an invalid configuration was accepted")
        } catch {
            let keys = Set(error.problems.map(\.key))
            #expect(
                keys.isSuperset(of: [
                    "CODEZERO_WORKERS", "CODEZERO_HTTPS_PORT", "CODEZERO_LOG_LEVEL", "STRIPE_SECRET_KEY",
                    "STRIPE_WEBHOOK_SECRET",
                ]))
            #expect(!error.description.contains("pk_live_nope"))
        }
    }

    @Test func secretsAreMaskedInTheEffectiveSettings() throws {
        let configuration = try Configuration.load(
            environment: [
                "STRIPE_SECRET_KEY": "sk_test_supersecretvalue", "STRIPE_WEBHOOK_SECRET": "whsec_abcdefghijkl",
                "DATABASE_URL": "postgresql://app:hunter22@db.example/codezero",
            ], workingDirectory: "/srv")
        let text = configuration.effectiveSettings().map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        #expect(!text.contains("supersecretvalue"))
        #expect(!text.contains("abcdefghijkl"))
        #expect(!text.contains("hunter22"))
        #expect(text.contains("STRIPE_SECRET_KEY="))
    }
}

import Domain
import Logging
import Stripe
import Testing

@testable import App

@Suite struct BillingServicesTests {
    @Test func noKeyIsMockModeWithTheSimulatedGateway() throws {
        let billing = BillingServices(configuration: Configuration(), logger: Logger(label: "test"))
        #expect(billing.isMockMode)
        #expect(billing.provider == .mock)
        #expect(try billing.gateway() is SimulatedGateway)
    }

    @Test func aKeySelectsTheAPIClientOnTheConfiguredBase() throws {
        let configuration = Configuration(stripeSecretKey: "sk_test_1", stripeAPIBase: "http://127.0.0.1:9")
        let billing = BillingServices(configuration: configuration, logger: Logger(label: "test"))
        #expect(!billing.isMockMode)
        #expect(billing.provider == .stripe)
        #expect(try billing.gateway() is StripeAPIClient)
    }

    @Test func aNonLoopbackPlainHTTPBaseIsRefused() {
        let configuration = Configuration(stripeSecretKey: "sk_test_1", stripeAPIBase: "http://evil.example")
        let billing = BillingServices(configuration: configuration, logger: Logger(label: "test"))
        #expect(throws: StripeError.self) { try billing.gateway() }
    }
}

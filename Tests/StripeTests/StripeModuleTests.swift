import Testing
@testable import Stripe

@Test func stripeModuleLinks() {
    #expect(String(describing: StripeModule.self) == "StripeModule")
}

import Foundation
import Stripe
import Web

/// `codezero trigger EVENT_TYPE --session cs_… [--purchase ID] [--amount CENTS] [--payment-status paid|unpaid]
/// [--url URL]`: like Stripe CLI's `trigger`, signs a Stripe-style event with the configured webhook secret
/// and posts it to the local webhook (default `$CODEZERO_PUBLIC_URL/api/v1/billing/webhook`).
enum TriggerCommand {
    static func run(configuration: Configuration, trigger: Invocation.Trigger) -> Int32 {
        let type = trigger.type
        guard !configuration.stripeWebhookSecrets.isEmpty else {
            Console.err("codezero: STRIPE_WEBHOOK_SECRET is not set")
            return 78
        }
        let status: CheckoutSession.Status = type == .checkoutSessionExpired ? .expired : .complete
        let paid =
            trigger.paymentStatus ?? (type == .checkoutSessionAsyncPaymentFailed ? .unpaid : .paid)
        let created = WebhookSignature.currentTime()
        let session = CheckoutSession(
            id: trigger.sessionID, status: status, paymentStatus: paid, clientReferenceID: trigger.purchaseID,
            amountTotal: trigger.amountCents, currency: trigger.currency, expiresAt: created + 3600, created: created)
        let event = WebhookTrigger.sampleEvent(
            type, session: session, eventID: "evt_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 36),
            created: created)
        let url = trigger.url ?? configuration.publicURL + "/api/v1/billing/webhook"
        do {
            let delivery = try WebhookTrigger(url: url, secrets: configuration.stripeWebhookSecrets, verifyTLS: false)
                .post(event)
            Console.out(
                "\(event.id) \(type.rawValue) → HTTP \(delivery.status) \(String(decoding: delivery.body, as: UTF8.self))"
            )
            return (200..<300).contains(delivery.status) ? 0 : 1
        } catch {
            Console.err("codezero: trigger failed: \(error)")
            return 69
        }
    }
}

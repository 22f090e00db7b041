import Foundation
import Stripe
import Web

/// `codezero trigger EVENT_TYPE --session cs_… [--purchase ID] [--amount CENTS] [--payment-status paid|unpaid]
/// [--url URL]`: like Stripe CLI's `trigger`, signs a Stripe-style event with the configured webhook secret
/// and posts it to the local webhook (default `$CODEZERO_PUBLIC_URL/api/v1/billing/webhook`).
enum TriggerCommand {
    static func run(configuration: Configuration, arguments: [String]) -> Int32 {
        guard let typeName = arguments.first, let type = StripeEventType(rawValue: typeName) else {
            Console.err(
                "usage: codezero trigger <\(StripeEventType.allCases.map(\.rawValue).joined(separator: "|"))> "
                    + "--session cs_… [--purchase ID] [--amount CENTS] [--currency eur] [--payment-status paid|unpaid] [--url URL]"
            )
            return 64
        }
        var options: [String: String] = [:]
        var index = 1
        while index + 1 < arguments.count, arguments[index].hasPrefix("--") {
            options[String(arguments[index].dropFirst(2))] = arguments[index + 1]
            index += 2
        }
        guard index == arguments.count, let sessionID = options["session"] else {
            Console.err("codezero: trigger needs --session cs_… (and options as --name value pairs)")
            return 64
        }
        guard !configuration.stripeWebhookSecrets.isEmpty else {
            Console.err("codezero: STRIPE_WEBHOOK_SECRET is not set")
            return 78
        }
        let status: CheckoutSession.Status = type == .checkoutSessionExpired ? .expired : .complete
        let paid = options["payment-status"] ?? (type == .checkoutSessionAsyncPaymentFailed ? "unpaid" : "paid")
        let created = WebhookSignature.currentTime()
        let session = CheckoutSession(
            id: sessionID, status: status, paymentStatus: CheckoutSession.PaymentStatus(rawValue: paid) ?? .paid,
            clientReferenceID: options["purchase"], amountTotal: options["amount"].flatMap { Int64($0) },
            currency: options["currency"] ?? "eur", expiresAt: created + 3600, created: created)
        let event = WebhookTrigger.sampleEvent(
            type, session: session, eventID: "evt_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 36),
            created: created)
        let url = options["url"] ?? configuration.publicURL + "/api/v1/billing/webhook"
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

import App
public import ArgumentParser
import Stripe

/// `codezero trigger EVENT --session cs_… [--purchase ID] [--amount CENTS] [--currency eur]
/// [--payment-status paid|unpaid] [--url URL]`.
struct Trigger: InvocationCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dev: sign a Stripe-style test event and post it to the local webhook, like Stripe CLI's trigger.",
        discussion: "Signs with STRIPE_WEBHOOK_SECRET (exit 78 when unset); exit 1 when the webhook refuses it.")

    @Argument(help: "The event type.")
    var event: StripeEventType

    @Option(help: "The Checkout Session id (cs_…).")
    var session: String

    @Option(help: "The purchase id (the session's client_reference_id).")
    var purchase: String?

    @Option(help: "amount_total in cents.")
    var amount: Int64?

    @Option(help: "The session's currency.")
    var currency = "eur"

    @Option(help: "paid or unpaid (default: unpaid for an async payment failure, else paid).")
    var paymentStatus: CheckoutSession.PaymentStatus?

    @Option(help: "The webhook URL (default: $CODEZERO_PUBLIC_URL/api/v1/billing/webhook).")
    var url: String?

    var invocation: Invocation {
        .trigger(
            Invocation.Trigger(
                type: event, sessionID: session, purchaseID: purchase, amountCents: amount, currency: currency,
                paymentStatus: paymentStatus, url: url))
    }
}

extension StripeEventType: ExpressibleByArgument {}
extension CheckoutSession.PaymentStatus: ExpressibleByArgument {}

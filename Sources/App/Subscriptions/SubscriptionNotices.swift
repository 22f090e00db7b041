import Domain
import Foundation
import Pages
import Postgres
import Storage

/// The notices a subscription change sends — payment failed with the next retry, suspended, the charge with a new
/// payment method failed, active again, canceled, plan changed — as e-mails in the outbox (``MailOutbox``, template `subscription-notice`) and entries in the
/// subscription's history, both in the transaction of the change; and the unused-part credit of an immediate
/// cancellation, recorded in the history.
struct SubscriptionNotices {
    let connection: PostgresConnection
    /// `CODEZERO_PUBLIC_URL`, for the portal link.
    let publicURL: String

    /// Records and mails the notice `action` for `subscription`.
    func record(_ action: SubscriptionTransition.Action, subscription: SubscriptionRecord) throws {
        var values: [String: MailValue] = [:]
        var invoiceID: String?
        let (name, details, key): (String, String, String)
        switch action {
        case .notifyPaymentFailed(let invoice, let attempt, let next):
            invoiceID = invoice
            values["payment_failed"] = .flag(true)
            values["attempt"] = .number(attempt)
            values["next_retry"] = .date(IssueSubscriptionInvoice.date(next))
            // An ended subscription's invoice is still collected, but no new payment method can be saved for it.
            values["ended"] = .flag(subscription.state.status == .canceled)
            (name, details, key) = (
                "mail.payment_failed", #"{"invoice_id":"\#(invoice)","attempt":\#(attempt),"next_retry_at":\#(next)}"#,
                "payment_failed:\(invoice):\(attempt)"
            )
        case .notifySuspended(let invoice):
            invoiceID = invoice
            values["suspended"] = .flag(true)
            (name, details, key) = ("mail.suspended", #"{"invoice_id":"\#(invoice)"}"#, "suspended:\(invoice)")
        case .notifyCollectionFailed(let invoice):
            invoiceID = invoice
            values["collection_failed"] = .flag(true)
            (name, details, key) = (
                "mail.collection_failed", #"{"invoice_id":"\#(invoice)"}"#, "collection_failed:\(invoice)"
            )
        case .notifyReactivated(let invoice):
            invoiceID = invoice
            values["reactivated"] = .flag(true)
            (name, details, key) = ("mail.reactivated", #"{"invoice_id":"\#(invoice)"}"#, "reactivated:\(invoice)")
        case .notifyRecoveryFailed(let invoice, let next):
            invoiceID = invoice
            values["recovery_failed"] = .flag(true)
            if let next { values["next_retry"] = .date(IssueSubscriptionInvoice.date(next)) }
            values["has_next_retry"] = .flag(next != nil)
            values["suspended_stays"] = .flag(next == nil && subscription.state.status == .suspended)
            values["ended"] = .flag(subscription.state.status == .canceled)
            // Each recovery round may fail (a second new payment method): one mail per round, told apart by the
            // attempts made so far.
            let attempts = try SubscriptionPaymentStore(connection: connection).payments(
                subscriptionID: subscription.id
            ).count
            (name, details, key) = (
                "mail.recovery_failed",
                #"{"invoice_id":"\#(invoice)","next_retry_at":\#(next.map { "\($0)" } ?? "null")}"#,
                "recovery_failed:\(invoice):\(attempts)"
            )
        case .notifyCanceled(let at):
            values["canceled"] = .flag(true)
            values["ends_on"] = .date(IssueSubscriptionInvoice.date(max(at - 1, 0)))
            (name, details, key) = ("mail.canceled", #"{"ends_at":\#(at)}"#, "canceled")
        case .notifyPlanChanged(let planID, let from):
            values["plan_changed"] = .flag(true)
            values["starts_on"] = .date(IssueSubscriptionInvoice.date(from))
            (name, details, key) = (
                "mail.plan_changed", #"{"plan_id":"\#(planID)","from":\#(from)}"#, "plan_changed:\(planID):\(from)"
            )
        case .invoicePeriod, .invoiceClosedPeriod, .retryCharge, .creditUnusedPart:
            return
        }
        try SubscriptionStore(connection: connection).appendEvent(
            name, subscription: subscription, to: subscription.state.status, actorUserID: nil, details: details)
        try mail(values, key: key, invoiceID: invoiceID, action: action, subscription: subscription)
    }

    /// Records the credit for the unused part of the current period's base fee (plan and add-ons as invoiced: the
    /// invoice's monthly lines, not overage or one-off items on it) and — when that invoice was paid — queues its
    /// refund with a Rechnungskorrektur (``RefundUnusedPeriod``, after this transaction commits).
    @discardableResult
    func recordCredit(
        subscription: SubscriptionRecord, from: Int64, periodStart: Int64, periodEnd: Int64
    ) throws -> (invoice: InvoiceRecord?, netCents: Int) {
        let start = IssueSubscriptionInvoice.date(periodStart)
        let invoice = try IssueSubscriptionInvoice.existing(
            subscriptionID: subscription.id, serviceStart: start, connection)
        let baseFee =
            try invoice.map { invoice in
                try InvoiceStore(connection: connection).lines(invoiceID: invoice.id).filter { $0.unitCode == "MON" }
                    .reduce(0) { $0 + $1.lineNetCents }
            } ?? 0
        let currency = try Currency(code: invoice?.currency ?? "EUR")
        let credit = UnusedPeriodCredit.net(
            of: Money(cents: baseFee, currency: currency), from: from, periodStart: periodStart, periodEnd: periodEnd)
        let gross =
            credit.cents
            + VATRate(basisPoints: invoice?.vatRateBasisPoints ?? 0).tax(on: credit).cents
        try SubscriptionStore(connection: connection).appendEvent(
            "credit.unused_part", subscription: subscription, to: subscription.state.status, actorUserID: nil,
            details:
                #"{"invoice_id":"\#(invoice?.id ?? "")","net_cents":\#(credit.cents),"gross_cents":\#(gross),"from":\#(from)}"#
        )
        if let invoice, invoice.status == .paid, gross > 0 {
            try RefundUnusedPeriod.enqueue(
                subscriptionID: subscription.id, invoiceID: invoice.id, grossCents: gross, on: connection)
        }
        return (invoice, credit.cents)
    }

    private func mail(
        _ values: [String: MailValue], key: String, invoiceID: String?, action: SubscriptionTransition.Action,
        subscription: SubscriptionRecord
    ) throws {
        guard
            let recipient = try SubscriptionStore(connection: connection).noticeRecipient(
                subscriptionID: subscription.id, planID: Self.planOf(action))
        else { return }
        let language: Language = ["DE", "AT", "CH", "LI"].contains(recipient.country) ? .de : .en
        var values = values
        values["plan"] = .text(recipient.planName.text(in: language))
        values["portal_link"] = .link(
            "\(publicURL)/\(language.rawValue)/\(language == .de ? "konto/abonnements" : "account/subscriptions")")
        if let invoiceID, let invoice = try InvoiceStore(connection: connection).invoice(id: invoiceID) {
            values["invoice_number"] = .text(invoice.number)
            let open = try InvoiceStore(connection: connection).openCents(invoiceID: invoiceID)
            values["amount"] = .money(cents: open > 0 ? open : invoice.grossCents, currency: invoice.currency)
        }
        if Self.listsOpenInvoices(action) {
            // One dunning collects every unpaid invoice of the subscription: the mail lists them with the total.
            let open = try openInvoices(subscriptionID: subscription.id)
            if open.count > 1 {
                values["several_open"] = .flag(true)
                values["open_invoices"] = .rows(
                    open.map { ["number": .text($0.number), "amount": .money(cents: $0.cents, currency: $0.currency)] })
                values["total_open"] = .money(
                    cents: open.reduce(0) { $0 + $1.cents }, currency: open.first?.currency ?? "EUR")
            }
        }
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "subscription-notice", to: recipient.email, language: language, values: values,
                dedupeKey: "subscription-notice:\(subscription.id):\(key)"), on: connection)
    }

    /// The subscription's OPEN invoices with an amount due, oldest period first.
    private func openInvoices(subscriptionID: String) throws -> [(number: String, cents: Int, currency: String)] {
        try InvoiceStore(connection: connection).openInvoices(subscriptionID: subscriptionID).map {
            ($0.number, $0.openCents, $0.currency)
        }
    }

    private static func listsOpenInvoices(_ action: SubscriptionTransition.Action) -> Bool {
        switch action {
        case .notifyPaymentFailed, .notifySuspended, .notifyCollectionFailed, .notifyRecoveryFailed: true
        default: false
        }
    }

    private static func planOf(_ action: SubscriptionTransition.Action) -> String? {
        if case .notifyPlanChanged(let planID, _) = action { return planID }
        return nil
    }
}

import Domain
import Foundation
import Pages
import Postgres
import Storage

/// Reads what the portal's subscriptions page shows for a company: each subscription's plan, state and period,
/// usage against the included units with its daily values (SUBS-USAGE's aggregates, no scan of events), the next
/// invoice's preview (the next period's base fee plus the usage beyond the included units so far, net) and the
/// invoices issued for it.
struct BuildSubscriptionPanels {
    let connection: PostgresConnection
    let catalog: Catalog

    func panels(companyID: String, now: Int64) throws -> [SubscriptionPanel] {
        try SubscriptionStore(connection: connection).subscriptions(companyID: companyID, limit: 20).map {
            try panel($0, now: now)
        }
    }

    private func name(_ planID: String) -> LocalizedText {
        catalog.package(id: planID)?.name ?? LocalizedText(de: planID, en: planID)
    }

    private func panel(_ record: SubscriptionRecord, now: Int64) throws -> SubscriptionPanel {
        let state = record.state
        let started = state.periodEnd > 0
        var panel = SubscriptionPanel(
            id: record.id, plan: name(state.planID), pendingPlan: state.pendingPlanID.map(name),
            status: state.status.rawValue.lowercased(),
            period: started
                ? (
                    Date(timeIntervalSince1970: TimeInterval(state.periodStart)),
                    Date(timeIntervalSince1970: TimeInterval(state.periodEnd))
                ) : nil,
            cancelAtPeriodEnd: state.cancelAtPeriodEnd)
        panel.invoices = try invoices(subscriptionID: record.id)
        if state.status == .pastDue || state.status == .suspended {
            // Every open invoice's open amount: what a new payment method is charged at once.
            let open = panel.invoices.compactMap(\.open)
            panel.owed = open.first.map { first in
                Money(cents: open.reduce(0) { $0 + $1.cents }, currency: first.currency)
            }
            panel.nextRetry = state.dunning?.nextRetryAt.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        guard started, state.status != .canceled, state.status != .incomplete else { return panel }
        let period = UsagePeriod(
            start: UsageDay(secondsSinceEpoch: Int(state.periodStart)),
            end: UsageDay(secondsSinceEpoch: Int(state.periodEnd)))
        let usage = try CurrentUsage.read(
            companyID: record.companyID, nowSeconds: Int(now),
            subscription: SubscriptionPeriod(subscriptionID: record.id, planID: state.planID, period: period),
            connection: connection)
        let metrics = Dictionary(
            try PlanPriceStore(connection: connection).metrics().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let today = UsageDay(secondsSinceEpoch: Int(now))
        let store = UsageStore(connection: connection)
        panel.usage = try usage.lines.map { line in
            let recorded = Dictionary(
                try store.daily(companyID: record.companyID, metric: line.metric, period: period).map { ($0.0, $0.1) },
                uniquingKeysWith: { a, _ in a })
            let lastDay = min(today, period.end.advanced(by: -1))
            let days = period.start <= lastDay ? Array(period.start...lastDay) : []
            return SubscriptionPanel.Usage(
                name: metrics[line.metric]?.name ?? LocalizedText(de: line.metric, en: line.metric),
                unit: metrics[line.metric]?.unit ?? LocalizedText(de: "", en: ""), used: line.used,
                included: line.included, overage: line.overage, overageAmount: line.overageAmount,
                daily: days.map { (Date(timeIntervalSince1970: TimeInterval($0.startSeconds)), recorded[$0] ?? .zero) })
        }
        if !state.cancelAtPeriodEnd {
            let nextPlan = state.pendingPlanID ?? state.planID
            let base =
                try PlanPriceStore(connection: connection).applicable(
                    planID: nextPlan, companyID: record.companyID, periodStart: Int(state.periodEnd))?.baseFee
                ?? catalog.package(id: nextPlan)?.net ?? Money(cents: 0, currency: .eur)
            let addons = record.addons.reduce(0) { sum, addon in
                sum + (catalog.addon(id: addon.id)?.net.cents ?? 0) * addon.quantity
            }
            let overage = usage.lines.reduce(0) { $0 + $1.overageAmount.cents }
            panel.nextInvoice = (
                Money(cents: base.cents + addons, currency: base.currency),
                Money(cents: overage, currency: base.currency)
            )
        }
        return panel
    }

    private func invoices(subscriptionID: String) throws -> [SubscriptionPanel.Invoice] {
        try InvoiceStore(connection: connection).subscriptionInvoices(subscriptionID: subscriptionID).map { invoice in
            let currency = try Currency(code: invoice.currency)
            return SubscriptionPanel.Invoice(
                number: invoice.number, issued: Date(timeIntervalSince1970: TimeInterval(invoice.issuedAt)),
                status: invoice.status.rawValue.lowercased(),
                gross: Money(cents: invoice.grossCents, currency: currency),
                open: invoice.status == .open ? Money(cents: invoice.openCents, currency: currency) : nil)
        }
    }
}

import Domain
import Foundation
import Jobs
import Pages
import Storage
import Stripe
import Web

/// The dashboard (issue 13 item 3, seed 004 §7.3): revenue today / month / year (net and VAT) from invoices,
/// MRR, open and overdue invoices, usage totals, active companies, Stripe and queue health, and server-drawn
/// charts of revenue and MRR by month with the numbers as a table beside them. One small query per figure
/// (``DashboardStore``), never a scan that grows with history.
extension StaffPageRoutes {
    static func dashboard(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let connection = context.services.database
        let figures = try DashboardStore(connection: connection).figures(now: Date())
        let money = { (cents: Int64) in PriceFormat.text(Money(cents: Int(cents), currency: .eur), in: language) }
        let text = { (key: String) in StaffStrings.text(key, language) }
        let revenue: [(String, DashboardFigures.Revenue)] = [
            ("today", figures.today), ("month", figures.month), ("year", figures.year),
        ]
        let payments = try PaymentMetrics.read(on: connection)
        let queue = try JobQueue().stats(on: connection)
        let incidents = try IncidentStore(connection: connection).counts()
        var values: TemplateObject = [
            "is_admin": .flag(caller.principal.role == .admin),
            "incidents_href": .text(StaffPage.incidents.path(in: language)),
            "revenue": .list(
                revenue.map { id, amount in
                    [
                        "id": .text(id), "label": .text(text("revenue_" + id)), "net": .text(money(amount.net)),
                        "vat": .text(money(amount.vat)),
                    ]
                }),
            "mrr": .text(money(figures.mrr)),
            "open_count": .number(Int(figures.openInvoices.count)),
            "open_amount": .text(money(figures.openInvoices.cents)),
            "overdue_count": .number(Int(figures.overdueInvoices.count)),
            "overdue_amount": .text(money(figures.overdueInvoices.cents)),
            "active_companies": .number(Int(figures.activeCompanies)), "companies": .number(Int(figures.companies)),
            "months": .list(
                figures.months.map { month in
                    [
                        "month": .text(month.month), "net": .text(money(month.revenue.net)),
                        "vat": .text(money(month.revenue.vat)), "recurring": .text(money(month.recurringNet)),
                    ]
                }),
            "revenue_chart": .text(
                StaffBarChart(
                    title: text("chart_revenue"),
                    bars: figures.months.map { .init(label: $0.month, value: $0.revenue.net) }
                ).svg()),
            "mrr_chart": .text(
                StaffBarChart(
                    title: text("chart_mrr"),
                    bars: figures.months.map { .init(label: $0.month, value: $0.recurringNet) }
                ).svg()),
            "usage": .list(
                figures.usage.map { usage in
                    [
                        "metric": .text(usage.metric),
                        "quantity": .text(UsageQuantity(thousandths: Int(usage.quantityMilli)).description),
                        "events": .number(Int(usage.events)),
                    ]
                }),
            "stripe_state": .text(text(stripeStateKey(context))),
            "stripe_events_waiting": .number(Int(payments.unprocessedEvents)),
            "stripe_events_age": .number(Int(payments.unprocessedEventAge.rounded())),
            "queue_due": .number(Int(queue.total.due)), "queue_dead": .number(Int(queue.total.byState[.dead] ?? 0)),
            "queue_age": .number(Int(queue.oldestDueAge.map { Double($0.components.seconds) } ?? 0)),
            "open_incidents": .number(Int(incidents.values.reduce(0) { $0 + $1.open })),
        ]
        values["has_usage"] = .flag(!figures.usage.isEmpty)
        return try StaffSession.render(.dashboard, context, language, caller, values)
    }

    /// This worker's view of Stripe: test mode, or the client's circuit breaker state.
    static func stripeStateKey(_ context: RequestContext) -> String {
        guard !context.services.billing.isMockMode else { return "stripe_mock" }
        guard let client = try? context.services.billing.gateway() as? StripeAPIClient else { return "stripe_open" }
        switch client.breakerState {
        case .closed: return "stripe_closed"
        case .open: return "stripe_open"
        case .halfOpen: return "stripe_half_open"
        }
    }
}

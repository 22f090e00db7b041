import Domain
import Foundation

extension SubscriptionPanel {
    /// The template values of the panel in `language`.
    func context(in language: Language, strings: [String: String]) -> [String: Any] {
        let price = { (money: Money) in PriceFormat.text(money, in: language) }
        var item: [String: Any] = [
            "id": id, "plan": plan.text(in: language),
            "status": strings["subscription_status_" + status] ?? status, "status_key": status,
            "cancel_at_period_end": cancelAtPeriodEnd, "has_usage": !usage.isEmpty,
            "has_invoices": !invoices.isEmpty,
        ]
        if let pendingPlan { item["pending_plan"] = pendingPlan.text(in: language) }
        if let period {
            item["period_start"] = DateText.text(period.start, in: language)
            item["period_start_iso"] = DateText.iso(period.start)
            // The period is [start, end): its last day is the day before the end.
            let last = period.end.addingTimeInterval(-86_400)
            item["period_end"] = DateText.text(last, in: language)
            item["period_end_iso"] = DateText.iso(last)
        }
        if let next = nextInvoice {
            item["next_invoice"] = [
                "base_fee": price(next.baseFee), "usage": price(next.usage),
                "total": price(Money(cents: next.baseFee.cents + next.usage.cents, currency: next.baseFee.currency)),
            ]
        }
        item["usage"] = usage.enumerated().map { index, metric -> [String: Any] in
            let unit = metric.unit.text(in: language)
            let chart = UsageChart(daily: metric.daily.map(\.quantity), included: metric.included)
            var running = UsageQuantity.zero
            let days = metric.daily.map { day -> [String: Any] in
                running = running + day.quantity
                return [
                    "day": DateText.text(day.day, in: language), "day_iso": DateText.iso(day.day),
                    "quantity": Self.number(day.quantity, language), "cumulative": Self.number(running, language),
                ]
            }
            var values: [String: Any] = [
                "name": metric.name.text(in: language), "unit": unit, "used": Self.number(metric.used, language),
                "included": Self.number(metric.included, language), "overage": Self.number(metric.overage, language),
                "overage_amount": price(metric.overageAmount), "is_over": metric.overage > .zero,
                "chart_id": "usage-\(id.prefix(8))-\(index)", "days": days, "has_days": !days.isEmpty,
                "width": UsageChart.width, "height": UsageChart.height, "baseline": UsageChart.baseline,
                "maximum": Self.number(UsageQuantity(units: chart.maximum), language),
                "bars": chart.bars.map { bar in
                    ["x": bar.x, "y": bar.y, "w": bar.width, "h": bar.height, "over": bar.over] as [String: Any]
                },
            ]
            if let included = chart.includedY { values["included_y"] = included }
            return values
        }
        item["invoices"] = invoices.map { invoice -> [String: Any] in
            [
                "number": invoice.number, "date": DateText.text(invoice.issued, in: language),
                "date_iso": DateText.iso(invoice.issued),
                "status": strings["subscription_invoice_status_" + invoice.status] ?? invoice.status,
                "gross": price(invoice.gross),
            ]
        }
        return item
    }

    /// A quantity with up to 3 decimals and the language's separators: `1.234,5` / `1,234.5`.
    static func number(_ quantity: UsageQuantity, _ language: Language) -> String {
        let negative = quantity.thousandths < 0
        let magnitude = quantity.thousandths.magnitude
        var whole = String(magnitude / 1000)
        let grouping = language == .de ? "." : ","
        var grouped = ""
        while whole.count > 3 {
            grouped = grouping + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        var fraction = String(magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let text = fraction.isEmpty ? grouped : grouped + (language == .de ? "," : ".") + fraction
        return negative ? "-" + text : text
    }
}

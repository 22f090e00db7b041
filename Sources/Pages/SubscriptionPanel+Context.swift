import Domain
import Foundation

extension SubscriptionPanel {
    /// The template values of the panel in `language`.
    func templateValue(in language: Language, strings: [String: String]) -> TemplateValue {
        let price = { (money: Money) in TemplateValue.text(PriceFormat.text(money, in: language)) }
        var item: TemplateObject = [
            "id": .text(id), "plan": .text(plan.text(in: language)),
            "status": .text(strings["subscription_status_" + status] ?? status), "status_key": .text(status),
            "cancel_at_period_end": .flag(cancelAtPeriodEnd), "has_usage": .flag(!usage.isEmpty),
            "has_invoices": .flag(!invoices.isEmpty),
        ]
        if let pendingPlan { item["pending_plan"] = .text(pendingPlan.text(in: language)) }
        if let owed, status == "past_due" || status == "suspended" {
            var notice: TemplateObject = ["id": .text(id), "amount": price(owed)]
            if let nextRetry {
                notice["next_retry"] = .text(DateText.text(nextRetry, in: language))
                notice["next_retry_iso"] = .text(DateText.iso(nextRetry))
            }
            item["owed"] = .object(notice)
        }
        if let period {
            item["period_start"] = .text(DateText.text(period.start, in: language))
            item["period_start_iso"] = .text(DateText.iso(period.start))
            // The period is [start, end): its last day is the day before the end.
            let last = period.end.addingTimeInterval(-86_400)
            item["period_end"] = .text(DateText.text(last, in: language))
            item["period_end_iso"] = .text(DateText.iso(last))
        }
        if let next = nextInvoice {
            item["next_invoice"] = [
                "base_fee": price(next.baseFee), "usage": price(next.usage),
                "total": price(Money(cents: next.baseFee.cents + next.usage.cents, currency: next.baseFee.currency)),
            ]
        }
        item["usage"] = .list(
            usage.enumerated().map { index, metric in
                let unit = metric.unit.text(in: language)
                let chart = UsageChart(daily: metric.daily.map(\.quantity), included: metric.included)
                var running = UsageQuantity.zero
                let days = metric.daily.map { day -> TemplateValue in
                    running = running + day.quantity
                    return [
                        "day": .text(DateText.text(day.day, in: language)), "day_iso": .text(DateText.iso(day.day)),
                        "quantity": .text(Self.number(day.quantity, language)),
                        "cumulative": .text(Self.number(running, language)),
                    ]
                }
                var values: TemplateObject = [
                    "name": .text(metric.name.text(in: language)), "unit": .text(unit),
                    "used": .text(Self.number(metric.used, language)),
                    "included": .text(Self.number(metric.included, language)),
                    "overage": .text(Self.number(metric.overage, language)),
                    "overage_amount": price(metric.overageAmount), "is_over": .flag(metric.overage > .zero),
                    "chart_id": .text("usage-\(id.prefix(8))-\(index)"), "days": .list(days),
                    "has_days": .flag(!days.isEmpty), "width": .number(UsageChart.width),
                    "height": .number(UsageChart.height), "baseline": .number(UsageChart.baseline),
                    "maximum": .text(Self.number(UsageQuantity(units: chart.maximum), language)),
                    "bars": .list(
                        chart.bars.map { bar in
                            [
                                "x": .number(bar.x), "y": .number(bar.y), "w": .number(bar.width),
                                "h": .number(bar.height), "over": .flag(bar.over),
                            ]
                        }),
                ]
                if let included = chart.includedY { values["included_y"] = .number(included) }
                return .object(values)
            })
        item["invoices"] = .list(
            invoices.map { invoice in
                var row: TemplateObject = [
                    "number": .text(invoice.number), "date": .text(DateText.text(invoice.issued, in: language)),
                    "date_iso": .text(DateText.iso(invoice.issued)),
                    "status": .text(strings["subscription_invoice_status_" + invoice.status] ?? invoice.status),
                    "gross": price(invoice.gross),
                ]
                if let open = invoice.open { row["open"] = price(open) }
                return .object(row)
            })
        return .object(item)
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

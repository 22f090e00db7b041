import CivilTime
import Domain
import Postgres
import Storage

/// Turns a closed period's statement into its invoice (§10), in the closing transaction: the next period's base
/// fees in advance (service period = the next period) and the closed period's overage after credits in arrears
/// (its period named on each line). A final period (the subscription ends) is invoiced only for overage, with the
/// period's end as the service date. Nothing is issued when there is nothing to bill.
struct InvoiceSubscriptionPeriod {
    let issuer: IssueInvoice

    /// Issues the invoice for `statement` of subscription `subscriptionID`; nil when it bills nothing.
    func invoice(
        _ statement: PeriodStatement, subscriptionID: String, companyID: String,
        closed: (start: Int, end: Int), next: (start: Int, end: Int, planID: String)?, connection: PostgresConnection
    ) throws -> InvoiceRecord? {
        guard statement.net.cents > 0 else { return nil }
        let buyer = try BillingRunStore(connection: connection).buyer(companyID: companyID)
        let vat = try VATDecision.decide(buyerCountryCode: buyer.country, vatId: buyer.vatID)
        let names = try Self.names(connection: connection)
        let closedText = Self.range(closed.start, closed.end)
        var lines: [InvoiceDraft.Line] = statement.fees.map { fee in
            let name = names[fee.itemID] ?? LocalizedText(de: fee.itemID, en: fee.itemID)
            let period = next.map { Self.range($0.start, $0.end) } ?? ""
            return InvoiceDraft.Line(
                itemID: fee.itemID,
                description: LocalizedText(
                    de: "\(name.de), Monatsgebühr \(period)", en: "\(name.en), monthly fee \(period)"),
                quantityTenThousandths: fee.quantity * 10_000, unitCode: "MON",
                unitNetPriceTenThousandths: fee.unitFee.cents * 100)
        }
        for charge in statement.usage where charge.billed > .zero {
            let name = names[charge.metric] ?? LocalizedText(de: charge.metric, en: charge.metric)
            lines.append(
                InvoiceDraft.Line(
                    itemID: charge.metric,
                    description: LocalizedText(
                        de: "\(name.de) über die \(charge.included) inklusiven hinaus, \(closedText)"
                            + (charge.creditsApplied > 0 ? " (\(charge.coveredByCredits) mit Credits bezahlt)" : ""),
                        en: "\(name.en) beyond the \(charge.included) included, \(closedText)"
                            + (charge.creditsApplied > 0 ? " (\(charge.coveredByCredits) paid with credits)" : "")),
                    quantityTenThousandths: charge.billed.thousandths * 10, unitCode: "C62",
                    unitNetPriceTenThousandths: charge.unitPrice.hundredthsOfCent))
        }
        var draft = InvoiceDraft(
            kind: .invoice, companyID: companyID, lines: lines, currency: statement.net.currency, vatRate: vat.rate,
            vatCategory: vat.category, buyerCountry: buyer.country, buyerVatID: vat.buyerVatId?.description,
            buyerReference: subscriptionID, language: InvoiceDraft.language(forBuyerIn: buyer.country),
            seller: issuer.seller)
        draft.subscriptionID = subscriptionID
        if let next {
            draft.serviceStart = UsageDay(secondsSinceEpoch: next.start).description
            draft.serviceEnd = UsageDay(secondsSinceEpoch: next.end).advanced(by: -1).description
        } else {
            let settled = UsageDay(secondsSinceEpoch: closed.end).description
            draft.serviceStart = settled
            draft.serviceEnd = settled
        }
        return try issuer.issue(draft, connection: connection)
    }

    /// "06.11.2026–05.12.2026" for the days of `[start, end)`.
    static func range(_ start: Int, _ end: Int) -> String {
        func german(_ day: UsageDay) -> String { CivilFormat.germanDate(dayNumber: Int64(day.daysSinceEpoch)) }
        let first = UsageDay(secondsSinceEpoch: start)
        let last = max(first, UsageDay(secondsSinceEpoch: end).advanced(by: -1))
        return "\(german(first))–\(german(last))"
    }

    /// Display names of plans (catalog names) and metrics.
    static func names(connection: PostgresConnection) throws -> [String: LocalizedText] {
        let prices = PlanPriceStore(connection: connection)
        var names: [String: LocalizedText] = [:]
        for plan in try prices.plans() { names[plan.id] = plan.name }
        for metric in try prices.metrics() { names[metric.id] = metric.name }
        return names
    }
}

import Domain
import Postgres
import Storage
import Web

/// Closes the ended period of one subscription inside the caller's transaction: the subscription state machine
/// advances it (or ends it), credits older than 24 months expire, the closed period's usage is priced against what
/// its plan and add-ons include (credits first, oldest first), the next period's base fees are billed in advance,
/// usage before the next period is closed, and the whole statement is recorded once per subscription and period;
/// the invoice is queued for its charge (``ChargePeriodInvoices``, after the commit).
enum CloseSubscriptionPeriod {
    /// Closes the period of `subscriptionID` if it has ended by `asOf`; nil when nothing was due.
    static func close(
        subscriptionID: String, asOf: Int, runID: Int?, invoicer: InvoiceSubscriptionPeriod,
        connection: PostgresConnection
    ) throws -> PeriodClose? {
        let subscriptions = SubscriptionStore(connection: connection)
        guard let record = try subscriptions.lockForUpdate(id: subscriptionID) else { return nil }
        let before = record.state
        let transition = SubscriptionTransition.apply(.periodEnded(now: Int64(asOf)), to: before)
        guard transition.changed(from: before) else { return nil }
        let runs = BillingRunStore(connection: connection)
        let closedStart = Int(before.periodStart)
        let closedEnd = Int(before.periodEnd)
        guard try !runs.isClosed(subscriptionID: subscriptionID, periodStart: closedStart) else {
            throw PostgresError(code: .invalidUsage, message: "period of \(subscriptionID) was closed before")
        }
        let company = record.companyID
        let usage = UsageStore(connection: connection)
        try usage.lockForClosing(companyID: company)

        let next = transition.actions.lazy.compactMap { action -> (start: Int, end: Int, planID: String)? in
            guard case .invoiceClosedPeriod(_, let opened?) = action else { return nil }
            return (Int(opened.start), Int(opened.end), opened.planID)
        }.first
        let closedItems = try items(
            planID: before.planID, addons: record.addons, companyID: company, periodStart: closedStart,
            connection: connection)
        let nextItems =
            try next.map {
                try items(
                    planID: $0.planID, addons: record.addons, companyID: company, periodStart: $0.start,
                    connection: connection)
            } ?? []

        let ledger = CreditLedger(connection: connection)
        let expired = CreditLots.expired(try ledger.lots(companyID: company), now: asOf)
        try ledger.expire(companyID: company, credits: expired, at: asOf)
        let balance = try ledger.balance(companyID: company)
        var unitsPerCredit: [String: UsageQuantity] = [:]
        for metric in try PlanPriceStore(connection: connection).metrics() {
            unitsPerCredit[metric.id] = metric.unitsPerCredit
        }
        let closedDays = UsagePeriod(
            start: UsageDay(secondsSinceEpoch: closedStart),
            end: max(UsageDay(secondsSinceEpoch: closedEnd), UsageDay(secondsSinceEpoch: closedStart).advanced(by: 1)))
        let used = try usage.totals(companyID: company, period: closedDays)
        let statement = PeriodStatement(
            closed: closedItems, next: nextItems, used: used, unitsPerCredit: unitsPerCredit, credits: balance)
        try ledger.spendOnUsage(
            companyID: company, credits: statement.creditsApplied, subscriptionID: subscriptionID,
            periodStart: closedStart, at: asOf, note: "usage \(closedDays.start)..<\(closedDays.end)")
        try usage.close(companyID: company, before: closedDays.end)

        try subscriptions.save(transition.state, id: subscriptionID)
        try subscriptions.appendEvent(
            "period.ended", subscription: record, to: transition.state.status, actorUserID: nil,
            details: JSON.object(["closed_start": JSON(closedStart), "net_cents": JSON(statement.net.cents)])
                .description)
        let invoice = try invoicer.invoice(
            statement, subscriptionID: subscriptionID, companyID: company, closed: (closedStart, closedEnd), next: next,
            connection: connection)
        if let invoice, invoice.status == .open, invoice.grossCents > 0 {
            // Charged after this transaction commits (``ChargePeriodInvoices``), so the invoice id — and with it
            // the PaymentIntent's idempotency key — is durable before Stripe is asked.
            try SubscriptionChargeQueue(connection: connection).enqueue(
                invoiceID: invoice.id, subscriptionID: subscriptionID)
        }
        let close = PeriodClose(
            subscriptionID: subscriptionID, periodStart: closedStart, periodEnd: closedEnd, companyID: company,
            planID: before.planID, nextPeriodStart: next?.start, nextPeriodEnd: next?.end,
            baseFeeCents: statement.baseFee?.cents ?? 0,
            usageCents: statement.net.cents - (statement.baseFee?.cents ?? 0),
            currency: statement.net.currency.code, creditsApplied: statement.creditsApplied, creditsExpired: expired,
            linesJSON: lines(statement, closed: (closedStart, closedEnd), next: next).description,
            invoiceID: invoice?.id,
            runID: runID)
        guard try runs.recordClose(close) else {
            throw PostgresError(code: .invalidUsage, message: "period of \(subscriptionID) was closed concurrently")
        }
        return close
    }

    /// The plan and add-ons of a subscription priced for a period starting at `periodStart`.
    static func items(
        planID: String, addons: [SubscriptionRecord.Addon], companyID: String, periodStart: Int,
        connection: PostgresConnection
    ) throws -> [PricedItem] {
        let prices = PlanPriceStore(connection: connection)
        var items: [PricedItem] = []
        for (id, quantity) in [(planID, 1)] + addons.map({ ($0.id, $0.quantity) }) where quantity >= 1 {
            guard let price = try prices.applicable(planID: id, companyID: companyID, periodStart: periodStart) else {
                throw PostgresError(code: .invalidUsage, message: "no price for plan \(id) at \(periodStart)")
            }
            items.append(PricedItem(price: price, quantity: quantity))
        }
        return items
    }

    /// The statement's lines as the record (and the invoice) show them.
    static func lines(
        _ statement: PeriodStatement, closed: (start: Int, end: Int), next: (start: Int, end: Int, planID: String)?
    ) -> JSON {
        var lines: [JSON] = statement.fees.map { fee in
            [
                "kind": "base_fee", "item_id": .string(fee.itemID), "quantity": JSON(fee.quantity),
                "unit_net_cents": JSON(fee.unitFee.cents), "net_cents": JSON(fee.total.cents),
                "period_start": JSON(next?.start), "period_end": JSON(next?.end),
            ]
        }
        lines += statement.usage.map { charge in
            [
                "kind": "usage", "metric": .string(charge.metric), "used": .string(charge.used.description),
                "included": .string(charge.included.description), "overage": .string(charge.overage.description),
                "credits_applied": JSON(charge.creditsApplied),
                "covered_by_credits": .string(charge.coveredByCredits.description),
                "billed": .string(charge.billed.description), "unit_price": .string(charge.unitPrice.euroText),
                "net_cents": JSON(charge.amount.cents), "period_start": JSON(closed.start),
                "period_end": JSON(closed.end),
            ]
        }
        return .array(lines)
    }
}

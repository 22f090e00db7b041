import CivilTime
import Domain
import Foundation
import Logging
import Postgres
import Storage

/// Issues invoices in the caller's transaction and enqueues their rendering: the one way an invoice comes into
/// being. Fulfilment calls ``forPurchase(_:connection:)`` in the same transaction that grants the credits or marks
/// the order paid, so a paid purchase has its invoice exactly when it is fulfilled (and the unique index on
/// `purchase_id` refuses a second one). Subscription periods and corrections call ``issue(_:connection:)`` with
/// their own lines and service period.
struct IssueInvoice {
    /// The seller snapshotted onto every invoice.
    let seller: SellerProfile
    let logger: Logger

    /// Issues `draft` and enqueues `invoice.render` for it, both in the caller's transaction. The "invoice issued"
    /// log line carries `invoice.issue_ms`: how long issuing took inside that transaction since `started` (what
    /// issuing adds to fulfilment, measured by `bench/invoice-issue.sh`).
    func issue(
        _ draft: InvoiceDraft, connection: PostgresConnection, started: ContinuousClock.Instant = .now
    ) throws -> InvoiceRecord {
        // One round trip: number, invoice, lines and the render job in one statement (sql/0160).
        let invoice = try InvoiceStore(connection: connection).issue(
            draft, followUp: InvoiceFollowUpJob(kind: JobKinds.renderInvoice))
        logger.info(
            "invoice issued",
            metadata: [
                "invoice.id": "\(invoice.id)", "invoice.number": "\(invoice.number)",
                "invoice.kind": "\(invoice.kind.rawValue)", "invoice.gross_cents": "\(invoice.grossCents)",
                "invoice.issue_ms": "\(Self.milliseconds(since: started))",
            ])
        return invoice
    }

    /// Issues the invoice of the paid purchase `purchase` (a credit pack or an order), paid in full through its
    /// Checkout session.
    func forPurchase(_ purchase: PurchaseRecord, connection: PostgresConnection) throws -> InvoiceRecord {
        let started = ContinuousClock.now
        var serviceEnd: String?
        var lines: [InvoiceDraft.Line]
        switch purchase.kind {
        case .credits, .izaPass:
            // The pack's name is read by the issuing statement itself (InvoiceDraft.Line.productID).
            var line = InvoiceDraft.Line(
                itemID: purchase.productID ?? "credits",
                description: LocalizedText(de: "\(purchase.credits) Credits", en: "\(purchase.credits) credits"),
                quantity: 1, unitNetCents: purchase.netCents)
            line.productID = purchase.productID
            lines = [line]
        case .order:
            let order = try purchase.orderID.flatMap {
                try OrderStore(connection: connection).order(id: $0, companyID: purchase.companyID)
            }
            lines = (order?.lines ?? []).map { line in
                let monthly = line.interval == .monthly
                return InvoiceDraft.Line(
                    itemID: line.itemID,
                    description: LocalizedText(
                        de: line.nameDE + (monthly ? " (erster Monat)" : ""),
                        en: line.nameEN + (monthly ? " (first month)" : "")),
                    quantity: line.quantity, unitNetCents: line.unitNetCents)
            }
            if order?.lines.contains(where: { $0.interval == .monthly }) == true {
                serviceEnd = Self.lastDayOfFirstMonth()
            }
        }
        if lines.reduce(0, { $0 + $1.netCents }) != purchase.netCents {
            logger.critical(
                "purchase lines do not add up to its net; invoicing it as one line",
                metadata: ["purchase.id": "\(purchase.id)", "purchase.net_cents": "\(purchase.netCents)"])
            lines = [
                InvoiceDraft.Line(
                    itemID: purchase.orderID ?? purchase.productID ?? "purchase",
                    description: LocalizedText(de: "Bestellung \(purchase.id)", en: "Order \(purchase.id)"),
                    quantity: 1, unitNetCents: purchase.netCents)
            ]
        }
        var draft = InvoiceDraft(
            kind: .invoice, companyID: purchase.companyID.rawValue, lines: lines,
            currency: purchase.currency,
            vatRate: VATRate(basisPoints: purchase.vatRateBasisPoints),
            vatCategory: VATCategory(rawValue: purchase.vatCategory) ?? .standard,
            buyerCountry: purchase.buyerCountry, buyerVatID: purchase.buyerVatID,
            buyerReference: purchase.orderID ?? purchase.id,
            language: InvoiceDraft.language(forBuyerIn: purchase.buyerCountry), seller: seller)
        draft.purchaseID = purchase.id
        draft.orderID = purchase.orderID
        draft.serviceEnd = serviceEnd
        draft.payment = InvoiceDraft.Payment(
            cents: purchase.amountCents, method: purchase.provider.invoiceMethod,
            reference: purchase.sessionID)
        return try issue(draft, connection: connection, started: started)
    }

    /// Milliseconds since `start` with three decimals, e.g. `1.234`.
    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        return String(format: "%.3f", Double(microseconds) / 1_000)
    }

    /// The day before the same day next month in Germany (the first month of a monthly service that starts today).
    static func lastDayOfFirstMonth(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .current
        let start = calendar.startOfDay(for: now)
        let end = calendar.date(byAdding: DateComponents(month: 1, day: -1), to: start) ?? start
        let parts = calendar.dateComponents([.year, .month, .day], from: end)
        return CivilFormat.isoDate(
            year: Int64(parts.year ?? 2000), month: Int64(parts.month ?? 1), day: Int64(parts.day ?? 1))
    }
}

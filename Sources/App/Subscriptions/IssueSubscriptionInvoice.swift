import CivilTime
import Domain
import Logging
import Postgres
import Storage

/// Issues the invoice of one subscription period — the plan's base fee and the monthly add-ons, billed in
/// advance for `[start, end)` — through INVOICE-CORE's ``IssueInvoice`` in the caller's transaction. The unique
/// index on (subscription, service start) makes a second invoice for the same period impossible; a repeated call
/// returns the one already issued. VAT is decided from the company's country and VAT ID as they are now. The first
/// invoice of a subscription started from a configurator order also bills the order's one-off items (at the
/// order's prices) and is that order's invoice.
struct IssueSubscriptionInvoice {
    let issuer: IssueInvoice
    let catalog: Catalog

    /// The period's invoice (issued now, or the one issued before).
    func issue(
        subscription: SubscriptionRecord, start: Int64, end: Int64, planID: String, first: Bool = false,
        connection: PostgresConnection
    ) throws -> InvoiceRecord {
        let serviceStart = Self.date(start)
        if let existing = try Self.existing(subscriptionID: subscription.id, serviceStart: serviceStart, connection) {
            return existing
        }
        let (country, vatID) = try BillingRunStore(connection: connection).buyer(companyID: subscription.companyID)
        let quote = try Pricing(catalog: catalog).quote(
            package: planID, addons: subscription.addons.map { AddonSelection(id: $0.id, quantity: $0.quantity) },
            countryCode: country, vatId: vatID)
        let period = LocalizedText(
            de: " (\(Self.german(start)) – \(Self.german(end - 86_400)))",
            en: " (\(Self.date(start)) to \(Self.date(end - 86_400)))")
        var lines = quote.lines.map { line in
            InvoiceDraft.Line(
                itemID: line.id, description: LocalizedText(de: line.name.de + period.de, en: line.name.en + period.en),
                quantity: line.quantity, unitCode: "MON", unitNetCents: line.unitNet.cents)
        }
        var order: OrderRecord?
        if first, let orderID = subscription.orderID {
            order = try OrderStore(connection: connection).order(
                id: orderID, companyID: CompanyID(subscription.companyID))
            for line in order?.lines ?? [] where line.interval != .monthly {
                lines.append(
                    InvoiceDraft.Line(
                        itemID: line.itemID, description: LocalizedText(de: line.nameDE, en: line.nameEN),
                        quantity: line.quantity, unitCode: "C62", unitNetCents: line.unitNetCents))
            }
        }
        var draft = InvoiceDraft(
            kind: .invoice, companyID: subscription.companyID, lines: lines, currency: quote.currency,
            vatRate: quote.vatRate, vatCategory: quote.vat.category, buyerCountry: quote.vat.buyerCountry.code,
            buyerVatID: quote.vat.buyerVatId?.description, buyerReference: subscription.id,
            language: InvoiceDraft.language(forBuyerIn: quote.vat.buyerCountry.code), seller: issuer.seller)
        draft.subscriptionID = subscription.id
        if let order, order.status == .pending { draft.orderID = order.id }
        draft.serviceStart = serviceStart
        draft.serviceEnd = Self.date(end - 86_400)
        return try issuer.issue(draft, connection: connection)
    }

    static func existing(
        subscriptionID: String, serviceStart: String, _ connection: PostgresConnection
    ) throws -> InvoiceRecord? {
        try InvoiceStore(connection: connection).periodInvoice(
            subscriptionID: subscriptionID, serviceStart: serviceStart)
    }

    /// `YYYY-MM-DD` of a Unix time (UTC).
    static func date(_ seconds: Int64) -> String {
        CivilFormat.isoDate(dayNumber: CivilCalendar.dayNumber(ofSeconds: seconds))
    }

    /// `DD.MM.YYYY` of a Unix time (UTC).
    static func german(_ seconds: Int64) -> String {
        CivilFormat.germanDate(dayNumber: CivilCalendar.dayNumber(ofSeconds: seconds))
    }
}

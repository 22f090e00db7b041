import Domain
import Foundation
import Logging
import Postgres
import Storage

/// Issues a Rechnungskorrektur (never "Gutschrift") for money paid back on an invoice: its own number in the
/// `CZ-K` series, referring to the original, with negative amounts; at most once per refund (unique `refund_id`),
/// never for more than what is still uncorrected. A full refund mirrors the original lines; a partial one is one
/// line whose net and VAT add up to the refunded gross by the one rounding rule.
struct IssueCorrection {
    /// Why a refund cannot be corrected.
    enum Rejection: Error, Equatable {
        /// The document is itself a correction.
        case notAnInvoice
        /// The invoice is not paid (nothing to refund).
        case notPaid
        /// The amount is zero, negative, or more than is still uncorrected (`remaining` cents).
        case amountOutOfRange(remaining: Int)
    }

    let seller: SellerProfile
    let logger: Logger

    /// What is still refundable on `invoice`: its gross minus what its corrections already took back.
    static func remaining(of invoice: InvoiceRecord, connection: PostgresConnection) throws -> Int {
        let corrected = try InvoiceStore(connection: connection).corrections(of: invoice.id).reduce(0) {
            $0 + $1.grossCents
        }
        return invoice.grossCents + corrected
    }

    /// Checks that `grossCents` (nil: everything still uncorrected) can be refunded on `invoice`; returns the amount.
    static func check(_ invoice: InvoiceRecord, grossCents: Int?, connection: PostgresConnection) throws -> Int {
        guard invoice.kind == .invoice else { throw Rejection.notAnInvoice }
        guard invoice.status == .paid else { throw Rejection.notPaid }
        let remaining = try remaining(of: invoice, connection: connection)
        let amount = grossCents ?? remaining
        guard amount >= 1, amount <= remaining else { throw Rejection.amountOutOfRange(remaining: remaining) }
        return amount
    }

    /// Issues the correction of `grossCents` refunded on `invoice` by refund `refundID`, in the caller's
    /// transaction; returns the existing correction when this refund was corrected before.
    func issue(
        on invoice: InvoiceRecord, grossCents: Int, refundID: String, reason: String?, method: String,
        connection: PostgresConnection
    ) throws -> InvoiceRecord {
        let store = InvoiceStore(connection: connection)
        try store.lock(invoiceID: invoice.id)
        if let existing = try store.corrections(of: invoice.id).first(where: { $0.refundID == refundID }) {
            return existing
        }
        let amount = try Self.check(invoice, grossCents: grossCents, connection: connection)
        let rate = VATRate(basisPoints: invoice.vatRateBasisPoints)
        let currency = try Currency(code: invoice.currency)
        var lines: [InvoiceDraft.Line]
        if amount == invoice.grossCents {
            lines = try store.lines(invoiceID: invoice.id).map { line in
                InvoiceDraft.Line(
                    itemID: line.itemID, description: line.description,
                    quantityTenThousandths: -Self.tenThousandths(line.quantity), unitCode: line.unitCode,
                    unitNetPriceTenThousandths: Self.tenThousandths(line.unitNetPrice))
            }
        } else {
            let net = Self.net(ofGross: amount, rate: rate, currency: currency)
            lines = [
                InvoiceDraft.Line(
                    itemID: "refund",
                    description: LocalizedText(
                        de: "Teilerstattung zu Rechnung \(invoice.number)",
                        en: "Partial refund for invoice \(invoice.number)"),
                    quantity: -1, unitNetCents: net)
            ]
        }
        var draft = InvoiceDraft(
            kind: .correction(of: invoice.id), companyID: invoice.companyID, lines: lines, currency: currency,
            vatRate: rate, vatCategory: invoice.vatCategory, buyerCountry: invoice.buyer.country,
            buyerVatID: invoice.buyer.vatID, buyerReference: invoice.buyer.reference, language: invoice.language,
            seller: seller)
        draft.serviceStart = invoice.serviceStart
        draft.serviceEnd = invoice.serviceEnd
        draft.purchaseID = invoice.purchaseID
        draft.orderID = invoice.orderID
        draft.subscriptionID = invoice.subscriptionID
        draft.refundID = refundID
        draft.reason = reason.map { String($0.prefix(500)) }
        draft.payment = InvoiceDraft.Payment(cents: amount, method: method, reference: refundID)
        if draft.netCents + draft.vatCents != -amount {
            // At 19 % some gross amounts are no net + rounded VAT (e.g. 3 ct): the nearest one is documented and
            // the exact refund stays in paid_cents; an operator sees the warning.
            logger.warning(
                "refunded gross is not reachable by net + rounded VAT; the correction shows the nearest amount",
                metadata: ["invoice.id": "\(invoice.id)", "refund.amount_cents": "\(amount)"])
        }
        return try IssueInvoice(seller: seller, logger: logger).issue(draft, connection: connection)
    }

    /// The net whose VAT at `rate` brings it to exactly `gross`, or the nearest one when none does.
    static func net(ofGross gross: Int, rate: VATRate, currency: Currency) -> Int {
        var net = (gross * 10_000 + (10_000 + rate.basisPoints) / 2) / (10_000 + rate.basisPoints)
        for candidate in [net, net - 1, net + 1]
        where candidate + rate.tax(on: Money(cents: candidate, currency: currency)).cents == gross {
            net = candidate
            break
        }
        return net
    }

    /// `1.5000` → 15 000.
    static func tenThousandths(_ decimal: String) -> Int {
        let negative = decimal.hasPrefix("-")
        let digits = negative ? String(decimal.dropFirst()) : decimal
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int(parts.first ?? "0") ?? 0
        let fraction = parts.count > 1 ? String(parts[1].prefix(4)) : ""
        let fractional = Int(fraction.padding(toLength: 4, withPad: "0", startingAt: 0)) ?? 0
        return (negative ? -1 : 1) * (whole * 10_000 + fractional)
    }
}

import Domain
import Foundation
import Storage

/// The draft of a Rechnungskorrektur (never "Gutschrift") that takes `grossCents` off an invoice: its own number in
/// the `CZ-K` series (given when issued), referring to the original, negative amounts, the original's VAT
/// treatment, buyer, language, service period and what it billed. Taking back everything mirrors the original's
/// lines; a part is one line whose net and VAT add up to that gross by the one rounding rule. Both the refund
/// correction (``IssueCorrection``) and the reduction of an unpaid invoice (``ReduceUnpaidPeriodInvoice``) are
/// built here; the caller adds what is its own (refund id and payment, or the reduction key) and the reason.
struct CorrectionDraft {
    /// The item id and description of the one line of a partial correction.
    struct PartLine {
        /// The line's item id (`refund`, `unused-period`).
        let itemID: String
        /// What the line says, in German and English.
        let description: LocalizedText
    }

    /// The invoice being corrected.
    let invoice: InvoiceRecord
    /// The line a partial correction gets.
    let part: PartLine

    /// The draft taking `grossCents` (positive) off the invoice; the original's lines are read from `store` (the
    /// caller's transaction) when everything is taken back.
    func draft(grossCents: Int, store: InvoiceStore, seller: SellerProfile) throws -> InvoiceDraft {
        let rate = VATRate(basisPoints: invoice.vatRateBasisPoints)
        let currency = try Currency(code: invoice.currency)
        let lines: [InvoiceDraft.Line]
        if grossCents == invoice.grossCents {
            lines = try store.lines(invoiceID: invoice.id).map { line in
                InvoiceDraft.Line(
                    itemID: line.itemID, description: line.description,
                    quantityTenThousandths: -Self.tenThousandths(line.quantity), unitCode: line.unitCode,
                    unitNetPriceTenThousandths: Self.tenThousandths(line.unitNetPrice))
            }
        } else {
            lines = [
                InvoiceDraft.Line(
                    itemID: part.itemID, description: part.description, quantity: -1,
                    unitNetCents: Self.net(ofGross: grossCents, rate: rate, currency: currency))
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
        return draft
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

    /// The gross of `net` at `rate`: net plus its VAT by the one rounding rule.
    static func gross(ofNet net: Int, rate: VATRate, currency: Currency) -> Int {
        net + rate.tax(on: Money(cents: net, currency: currency)).cents
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

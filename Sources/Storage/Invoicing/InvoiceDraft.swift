public import Domain

/// What ``InvoiceStore/issue(_:)`` turns into a numbered, immutable invoice (or correction): lines, the VAT
/// treatment decided at purchase, the service period, what it bills and the payment. Totals are computed from the
/// lines by the one rounding rule. Purchases, orders and (later) subscription periods all issue through this.
public struct InvoiceDraft: Sendable, Hashable {
    /// An invoice, or a correction of the invoice with id `of`.
    public enum Kind: Sendable, Hashable {
        /// An invoice, series `CZ`.
        case invoice
        /// A Rechnungskorrektur of the invoice `of` (its id), series `CZ-K`.
        case correction(of: String)
    }

    /// One line: quantities and unit prices in ten-thousandths (exact decimals with four places).
    public struct Line: Sendable, Hashable {
        /// The catalog item or product id.
        public var itemID: String
        /// What was sold, in German and English.
        public var description: LocalizedText
        /// The quantity in ten-thousandths (1 piece = 10 000); negative on a correction.
        public var quantityTenThousandths: Int
        /// The UN/ECE Rec. 20 unit code: `C62` (piece), `MON` (month).
        public var unitCode: String
        /// The unit net price in ten-thousandths of the currency unit (6.99 EUR = 69 900); never negative.
        public var unitNetPriceTenThousandths: Int
        /// A credit pack (`billing_products` id) whose name, as it is at issue, is the line's description; the
        /// database reads it while issuing (no extra round trip). ``description`` is used when there is no such pack.
        public var productID: String?

        /// A line of `quantity` whole units at `unitNetCents` each.
        public init(
            itemID: String, description: LocalizedText, quantity: Int, unitCode: String = "C62", unitNetCents: Int
        ) {
            self.init(
                itemID: itemID, description: description, quantityTenThousandths: quantity * 10_000,
                unitCode: unitCode, unitNetPriceTenThousandths: unitNetCents * 100)
        }

        /// A line with exact decimal quantity and price.
        public init(
            itemID: String, description: LocalizedText, quantityTenThousandths: Int, unitCode: String,
            unitNetPriceTenThousandths: Int
        ) {
            self.itemID = itemID
            self.description = description
            self.quantityTenThousandths = quantityTenThousandths
            self.unitCode = unitCode
            self.unitNetPriceTenThousandths = unitNetPriceTenThousandths
        }

        /// quantity × unit price in cents, rounded half away from zero (as the database's check computes it).
        public var netCents: Int {
            let product = quantityTenThousandths * unitNetPriceTenThousandths  // in 10^-8 units = 10^-6 cents
            let magnitude = (product.magnitude + 500_000) / 1_000_000
            return product < 0 ? -Int(magnitude) : Int(magnitude)
        }
    }

    /// The money that came in (or, on a correction, went back).
    public struct Payment: Sendable, Hashable {
        /// The amount in cents (positive; a correction stores it negated).
        public var cents: Int
        /// `stripe` or `mock`.
        public var method: String
        /// The Stripe PaymentIntent or refund id, if known.
        public var reference: String?

        /// A payment.
        public init(cents: Int, method: String, reference: String?) {
            self.cents = cents
            self.method = method
            self.reference = reference
        }
    }

    /// Invoice or correction.
    public var kind: Kind
    /// The buying company.
    public var companyID: String
    /// The lines, at least one.
    public var lines: [Line]
    /// The first and last day of service (`YYYY-MM-DD`); nil means the issue date.
    public var serviceStart: String?
    /// The last day of service; nil means the same as ``serviceStart`` (or the issue date).
    public var serviceEnd: String?
    /// The issue date (`YYYY-MM-DD`); nil means today in Germany (Europe/Berlin).
    public var issueDate: String?
    /// The currency.
    public var currency: Currency
    /// The VAT rate in basis points and its category, as decided at the purchase.
    public var vatRate: VATRate
    /// `S`, `AE` or `O`.
    public var vatCategory: VATCategory
    /// The buyer's country and VAT ID as the VAT decision used them (snapshotted with the company's address).
    public var buyerCountry: String
    /// The buyer's VAT ID, if any.
    public var buyerVatID: String?
    /// The buyer's reference (XRechnung BT-10), e.g. the purchase or order id.
    public var buyerReference: String
    /// The document language.
    public var language: Language
    /// The seller, snapshotted as it is configured now.
    public var seller: SellerProfile
    /// The purchase it bills.
    public var purchaseID: String?
    /// The order it bills.
    public var orderID: String?
    /// The subscription whose period it bills.
    public var subscriptionID: String?
    /// The Stripe refund a correction records (at most one correction per refund).
    public var refundID: String?
    /// Why a correction was made.
    public var reason: String?
    /// For a correction that reduces the amount due of an unpaid original instead of paying money back (it is then
    /// SETTLED, never REFUNDED): its key, e.g. `unused:<subscription id>` — at most one correction per key.
    public var reductionKey: String?
    /// The payment, when the money already came in (the invoice is then PAID; a correction REFUNDED).
    public var payment: Payment?

    /// A draft; the fields not given are empty.
    public init(
        kind: Kind, companyID: String, lines: [Line], currency: Currency, vatRate: VATRate, vatCategory: VATCategory,
        buyerCountry: String, buyerVatID: String?, buyerReference: String, language: Language,
        seller: SellerProfile
    ) {
        self.kind = kind
        self.companyID = companyID
        self.lines = lines
        self.currency = currency
        self.vatRate = vatRate
        self.vatCategory = vatCategory
        self.buyerCountry = buyerCountry
        self.buyerVatID = buyerVatID
        self.buyerReference = buyerReference
        self.language = language
        self.seller = seller
    }

    /// The sum of the lines' net amounts.
    public var netCents: Int { lines.reduce(0) { $0 + $1.netCents } }

    /// The VAT on the total net, by the one rounding rule (``VATRate/tax(on:)``).
    public var vatCents: Int {
        vatRate.tax(on: Money(cents: netCents, currency: currency)).cents
    }

    /// The language of documents for a buyer in `country`: German for DE, AT, CH and LI, English otherwise.
    public static func language(forBuyerIn country: String) -> Language {
        ["DE", "AT", "CH", "LI"].contains(country) ? .de : .en
    }
}

/// Everything an invoice or correction document shows, as issued: the one input of the XRechnung writer and the
/// PDF. Built from the stored invoice row and its snapshots; pure data, no I/O.
///
/// Amounts are integer cents in ``currency``; a correction carries negative quantities and totals.
public struct InvoiceDocument: Sendable, Hashable {
    /// The invoice number (BT-1), e.g. `CZ-2026-000001` or `CZ-K-2026-000001`.
    public let number: String
    /// Invoice or correction (with the corrected invoice's number and date).
    public let kind: InvoiceKind
    /// The issue date (BT-2).
    public let issueDate: CalendarDate
    /// The date or period of service.
    public let servicePeriod: ServicePeriod
    /// The invoice currency (BT-5).
    public let currency: Currency
    /// The language of descriptions and labels: the buyer's language; German labels are always shown.
    public let language: Language
    /// The seller snapshot.
    public let seller: SellerParty
    /// The buyer snapshot.
    public let buyer: BuyerParty
    /// The lines, at least one.
    public let lines: [InvoiceLine]
    /// The VAT treatment of the whole invoice.
    public let vat: InvoiceVAT
    /// Net, VAT, gross, paid and due.
    public let totals: InvoiceTotals
    /// The payment received (or refund made), if any.
    public let payment: InvoicePayment?
    /// The payment terms in the document's language (BT-20), e.g. `Bezahlt per Stripe am 02.03.2026.`
    public let paymentTerms: String

    /// A document; call ``validate()`` before writing it.
    public init(
        number: String, kind: InvoiceKind, issueDate: CalendarDate, servicePeriod: ServicePeriod,
        currency: Currency, language: Language, seller: SellerParty, buyer: BuyerParty, lines: [InvoiceLine],
        vat: InvoiceVAT, totals: InvoiceTotals, payment: InvoicePayment?, paymentTerms: String
    ) {
        self.number = number
        self.kind = kind
        self.issueDate = issueDate
        self.servicePeriod = servicePeriod
        self.currency = currency
        self.language = language
        self.seller = seller
        self.buyer = buyer
        self.lines = lines
        self.vat = vat
        self.totals = totals
        self.payment = payment
        self.paymentTerms = paymentTerms
    }

    /// Checks what the law and EN 16931 require of the content and that the amounts add up; the first
    /// problem found is ``DomainError/invalidInvoice(_:)``.
    public func validate() throws(DomainError) {
        func require(_ condition: Bool, _ detail: String) throws(DomainError) {
            if !condition { throw .invalidInvoice("\(number): \(detail)") }
        }
        try require(!number.isEmpty, "no number")
        try require(!lines.isEmpty, "no lines")
        try require(!seller.name.isEmpty && !seller.vatId.isEmpty, "seller name or VAT ID missing")
        try require(!seller.iban.isEmpty && !seller.email.isEmpty, "seller IBAN or e-mail missing")
        try require(!buyer.legalName.isEmpty, "buyer name missing")
        try require(!buyer.buyerReference.isEmpty && !buyer.email.isEmpty, "buyer reference or e-mail missing")
        if vat.category == .reverseCharge {
            try require(!(buyer.vatId ?? "").isEmpty, "reverse charge without the buyer's VAT ID")
        }
        if vat.category == .outsideScope {
            // EN 16931 BR-O-02: no VAT ID on a not-taxable invoice, so the tax number identifies the seller.
            try require(
                !seller.taxNumber.isEmpty && !seller.register.isEmpty,
                "not taxable in Germany without the seller's tax number and register entry")
        }
        for line in lines {
            try require(!line.id.isEmpty && !line.description.isEmpty, "a line without id or description")
            try require(line.unitNetPrice.tenThousandths >= 0, "line \(line.id) has a negative unit price")
        }
        let expected = InvoiceTotals.of(lines: lines, vat: vat, currency: currency, paid: totals.paid)
        try require(totals == expected, "totals do not add up (expected \(expected.net) net, \(expected.vat) VAT)")
        if let payment {
            try require(payment.amount.currency == currency, "payment in another currency")
        }
    }
}

public import Domain

extension InvoiceRecord {
    /// The document to render for this stored invoice and its `lines`: the snapshots, amounts and dates exactly as
    /// stored. Data that cannot become a valid document is ``DomainError/invalidInvoice(_:)``.
    public func document(lines: [InvoiceLineRecord]) throws(DomainError) -> InvoiceDocument {
        func day(_ text: String?, _ what: String) throws(DomainError) -> CalendarDate {
            guard let text, let day = CalendarDate(iso: text) else { throw .invalidInvoice("\(number): bad \(what)") }
            return day
        }
        func decimal(_ text: String, _ what: String) throws(DomainError) -> ExactDecimal {
            guard let value = ExactDecimal(text) else { throw .invalidInvoice("\(number): bad \(what) '\(text)'") }
            return value
        }
        let kind: InvoiceKind
        switch self.kind {
        case .invoice: kind = .invoice
        case .correction:
            guard let original = correctsNumber else { throw .invalidInvoice("\(number): correction of nothing") }
            kind = .correction(of: original, issuedOn: try day(correctsIssueDate, "corrected invoice date"))
        }
        let currency = try Currency(code: currency)
        let issued = try day(issueDate, "issue date")
        guard
            let period = ServicePeriod(
                start: try day(serviceStart, "service start"), end: try day(serviceEnd, "service end"))
        else { throw .invalidInvoice("\(number): service ends before it starts") }
        let seller = SellerParty(
            name: self.seller.name,
            address: PostalAddress(
                street: self.seller.street, postcode: self.seller.postalCode, city: self.seller.city,
                country: try Country(code: self.seller.country)),
            vatId: self.seller.vatID, taxNumber: self.seller.taxNumber, register: self.seller.register,
            directors: self.seller.directors, email: self.seller.email, phone: self.seller.phone,
            iban: self.seller.iban, bic: self.seller.bic)
        let street = [buyer.street, buyer.extra].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        let buyer = BuyerParty(
            legalName: self.buyer.legalName,
            address: PostalAddress(
                street: street, postcode: self.buyer.postalCode ?? "", city: self.buyer.city ?? "",
                country: try Country(code: self.buyer.country)),
            vatId: self.buyer.vatID, buyerReference: self.buyer.reference, email: self.buyer.email ?? "")
        var documentLines: [InvoiceLine] = []
        for line in lines {
            documentLines.append(
                InvoiceLine(
                    id: "\(line.position)", description: line.description.text(in: language),
                    quantity: try decimal(line.quantity, "quantity"), unitCode: line.unitCode,
                    unitNetPrice: try decimal(line.unitNetPrice, "unit price"), netCents: line.lineNetCents))
        }
        let vat = InvoiceVAT(category: vatCategory)
        guard vat.rate.basisPoints == vatRateBasisPoints else {
            throw .invalidInvoice("\(number): rate \(vatRateBasisPoints) does not fit category \(vatCategory.code)")
        }
        let totals = InvoiceTotals(
            net: Money(cents: netCents, currency: currency), vat: Money(cents: vatCents, currency: currency),
            gross: Money(cents: grossCents, currency: currency), paid: Money(cents: paidCents, currency: currency),
            due: Money(cents: grossCents - paidCents, currency: currency))
        var payment: InvoicePayment?
        if paidCents != 0 {
            payment = InvoicePayment(
                method: paymentMethod == "mock" ? "Stripe (Testmodus)" : "Stripe",
                date: (try? day(paidDate, "payment date")) ?? issued,
                amount: Money(cents: paidCents, currency: currency))
        }
        return InvoiceDocument(
            number: number, kind: kind, issueDate: issued, servicePeriod: period, currency: currency,
            language: language, seller: seller, buyer: buyer, lines: documentLines, vat: vat, totals: totals,
            payment: payment, paymentTerms: try terms(payment: payment, due: day(dueDate, "due date")))
    }

    /// The payment terms in the document's language: paid (or refunded) how and when, or payable by when.
    func terms(payment: InvoicePayment?, due: CalendarDate) -> String {
        if kind == .correction, status == .settled {
            // Nothing went back: it reduces what is owed on its unpaid original (migration 0116).
            let original = correctsNumber ?? ""
            switch language {
            case .de: return "Mindert den offenen Betrag der Rechnung \(original); es wird nichts erstattet."
            case .en: return "Reduces the amount due on invoice \(original); nothing is refunded."
            }
        }
        if let payment, grossCents == paidCents {
            let refund = payment.amount.cents < 0
            switch language {
            case .de: return "\(refund ? "Erstattet" : "Bezahlt") per \(payment.method) am \(payment.date.german)."
            case .en: return "\(refund ? "Refunded" : "Paid") by \(payment.method) on \(payment.date.german)."
            }
        }
        switch language {
        case .de: return "Zahlbar ohne Abzug bis \(due.german)."
        case .en: return "Payable without deduction by \(due.german)."
        }
    }
}

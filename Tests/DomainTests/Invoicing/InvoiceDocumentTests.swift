import Testing

@testable import Domain

@Suite struct InvoiceDocumentTests {
    @Test(arguments: InvoiceExamples.all.map(\.0))
    func examplesAreValid(name: String) throws {
        let document = try #require(InvoiceExamples.all.first { $0.0 == name }?.1)
        try document.validate()
    }

    @Test func totalsUseTheOneRoundingRuleOnTheTotalNet() {
        let totals = InvoiceExamples.order.totals
        // 490.00 + 3 × 49.00 + 1234.5 × 0.0125 (15.43) = 652.43; 19 % = 123.9617 → 123.96
        #expect(totals.net == .eur(65_243))
        #expect(totals.vat == .eur(12_396))
        #expect(totals.gross == .eur(77_639))
        #expect(totals.due == .eur(0))
    }

    @Test func correctionIsNegativeAndRefersToTheOriginal() {
        let correction = InvoiceExamples.partialCorrection
        #expect(correction.kind.typeCode == "384")
        #expect(correction.kind == .correction(of: "CZ-2026-000001", issuedOn: CalendarDate(iso: "2026-03-02")!))
        #expect(correction.totals.gross == .eur(-238))
        #expect(correction.kind.title.de == "Rechnungskorrektur")
        #expect(InvoiceKind.invoice.typeCode == "380")
    }

    @Test func vatTreatmentFollowsTheDecision() throws {
        #expect(InvoiceVAT(try VATDecision.decide(buyerCountryCode: "DE", vatId: nil)) == .germanStandard)
        #expect(InvoiceVAT(try VATDecision.decide(buyerCountryCode: "AT", vatId: "ATU13585627")) == .reverseCharge)
        #expect(InvoiceVAT(try VATDecision.decide(buyerCountryCode: "CH", vatId: nil)) == .outsideScope)
        #expect(InvoiceVAT.reverseCharge.category.exemptionReasonCode == "VATEX-EU-AE")
        #expect(InvoiceVAT.outsideScope.legalNote?.de == "Nicht im Inland steuerbare Leistung")
    }

    @Test func totalsThatDoNotAddUpAreRefused() {
        let good = InvoiceExamples.germany
        let wrong = InvoiceTotals(
            net: good.totals.net, vat: .eur(132), gross: .eur(831), paid: .eur(831), due: .eur(0))
        let bad = InvoiceDocument(
            number: good.number, kind: good.kind, issueDate: good.issueDate, servicePeriod: good.servicePeriod,
            currency: .eur, language: .de, seller: good.seller, buyer: good.buyer, lines: good.lines, vat: good.vat,
            totals: wrong, payment: good.payment, paymentTerms: good.paymentTerms)
        #expect(throws: DomainError.self) { try bad.validate() }
    }

    @Test func reverseChargeWithoutTheBuyersVATIDIsRefused() {
        let document = InvoiceExamples.document(
            buyer: InvoiceExamples.buyer("AT", vatId: nil), vat: .reverseCharge, lines: [InvoiceExamples.creditPack])
        #expect(throws: DomainError.invalidInvoice("CZ-2026-000001: reverse charge without the buyer's VAT ID")) {
            try document.validate()
        }
    }
}

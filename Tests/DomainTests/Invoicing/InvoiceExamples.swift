@testable import Domain

/// Invoice documents for the tests: one per VAT branch, a multi-line order and a partial correction.
enum InvoiceExamples {
    static func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    static let seller = SellerParty(
        name: "Code Zero GmbH (Beispieldaten)",
        address: PostalAddress(street: "Hauptstraße 1", postcode: "10115", city: "Berlin", country: .germany),
        vatId: "DE136695976", taxNumber: "30/123/45678", register: "Amtsgericht Charlottenburg, HRB 123456 B",
        directors: "Erika Mustermann", email: "rechnung@codezero.example", phone: "+49 30 1234567",
        iban: "DE02120300000000202051", bic: "BYLADEM1001")

    static func buyer(_ country: String, vatId: String?, name: String = "Kunde GmbH") -> BuyerParty {
        BuyerParty(
            legalName: name,
            address: PostalAddress(
                street: "Ring 5", postcode: "1010", city: "Stadt", country: try! Country(code: country)),
            vatId: vatId, buyerReference: "Bestellung 4711", email: "ap@kunde.example")
    }

    static func document(
        number: String = "CZ-2026-000001", kind: InvoiceKind = .invoice, buyer: BuyerParty, vat: InvoiceVAT,
        lines: [InvoiceLine], language: Language = .de, paidInFull: Bool = true
    ) -> InvoiceDocument {
        let unpaid = InvoiceTotals.of(lines: lines, vat: vat, currency: .eur, paid: .eur(0))
        let totals = paidInFull ? InvoiceTotals.of(lines: lines, vat: vat, currency: .eur, paid: unpaid.gross) : unpaid
        return InvoiceDocument(
            number: number, kind: kind, issueDate: date("2026-03-02"),
            servicePeriod: ServicePeriod(start: date("2026-02-01"), end: date("2026-02-28"))!,
            currency: .eur, language: language, seller: seller, buyer: buyer, lines: lines, vat: vat, totals: totals,
            payment: paidInFull ? InvoicePayment(date: date("2026-03-02"), amount: totals.gross) : nil,
            paymentTerms: language == .de ? "Bezahlt per Stripe am 02.03.2026." : "Paid by Stripe on 2026-03-02.")
    }

    static let creditPack = InvoiceLine(
        id: "1", description: "Guthabenpaket 100 Credits", quantity: ExactDecimal(1), unitCode: "C62",
        unitNetPrice: ExactDecimal(cents: 699))

    /// DE 19 %: a credit pack for a German company.
    static let germany = document(buyer: buyer("DE", vatId: "DE136695976"), vat: .germanStandard, lines: [creditPack])

    /// AT reverse charge, in English.
    static let austria = document(
        number: "CZ-2026-000002", buyer: buyer("AT", vatId: "ATU13585627", name: "Kunde GmbH Wien"),
        vat: .reverseCharge,
        lines: [
            InvoiceLine(
                id: "1", description: "Base package Professional (Feb 2026)", quantity: ExactDecimal(1),
                unitCode: "MON", unitNetPrice: ExactDecimal(cents: 49_000))
        ], language: .en)

    /// CH outside the EU.
    static let switzerland = document(
        number: "CZ-2026-000003", buyer: buyer("CH", vatId: nil, name: "Kunde AG Zürich"), vat: .outsideScope,
        lines: [creditPack], language: .en)

    /// A multi-line order with a fractional quantity and a price exact to 1/100 cent.
    static let order = document(
        number: "CZ-2026-000004", buyer: buyer("DE", vatId: nil), vat: .germanStandard,
        lines: [
            InvoiceLine(
                id: "1", description: "Basispaket Professional (Februar 2026)", quantity: ExactDecimal(1),
                unitCode: "MON", unitNetPrice: ExactDecimal(cents: 49_000)),
            InvoiceLine(
                id: "2", description: "Add-on: Priority Support", quantity: ExactDecimal(3), unitCode: "C62",
                unitNetPrice: ExactDecimal(cents: 4_900)),
            InvoiceLine(
                id: "3", description: "API-Aufrufe", quantity: ExactDecimal("1234.5")!, unitCode: "C62",
                unitNetPrice: ExactDecimal("0.0125")!),
        ])

    /// A partial correction of ``germany``: 2.00 EUR net refunded.
    static let partialCorrection = document(
        number: "CZ-K-2026-000001", kind: .correction(of: "CZ-2026-000001", issuedOn: date("2026-03-02")),
        buyer: buyer("DE", vatId: "DE136695976"), vat: .germanStandard,
        lines: [
            InvoiceLine(
                id: "1", description: "Teilerstattung Guthabenpaket 100 Credits", quantity: ExactDecimal(-1),
                unitCode: "C62", unitNetPrice: ExactDecimal(cents: 200))
        ])

    /// All valid examples by name.
    static let all: [(String, InvoiceDocument)] = [
        ("de19", germany), ("at-reverse-charge", austria), ("ch-outside-eu", switzerland), ("multi-line-order", order),
        ("partial-correction", partialCorrection),
    ]
}

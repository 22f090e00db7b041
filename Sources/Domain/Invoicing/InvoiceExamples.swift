/// Example invoice documents (example data, never issued): one per VAT branch, a multi-line order and a partial
/// correction. Used by the tests, the PDF renderer's check and the document benchmark.
public enum InvoiceExamples {
    static func day(_ iso: String) -> CalendarDate {
        guard let day = CalendarDate(iso: iso) else { preconditionFailure("InvoiceExamples: \(iso)") }
        return day
    }

    /// The example seller (marked as example data).
    public static let seller = SellerParty(
        name: "Code Zero GmbH (Beispieldaten)",
        address: PostalAddress(street: "Hauptstraße 1", postcode: "10115", city: "Berlin", country: .germany),
        vatId: "DE136695976", taxNumber: "30/123/45678", register: "Amtsgericht Charlottenburg, HRB 123456 B",
        directors: "Erika Mustermann", email: "rechnung@codezero.example", phone: "+49 30 1234567",
        iban: "DE02120300000000202051", bic: "BYLADEM1001")

    /// An example buyer in `country`.
    public static func buyer(_ country: String, vatId: String?, name: String = "Kunde GmbH") -> BuyerParty {
        BuyerParty(
            legalName: name,
            address: PostalAddress(
                street: "Ring 5", postcode: "1010", city: "Stadt", country: (try? Country(code: country)) ?? .germany),
            vatId: vatId, buyerReference: "Bestellung 4711", email: "ap@kunde.example")
    }

    /// An example document with `lines`, paid in full by Stripe unless `paidInFull` is false.
    public static func document(
        number: String = "CZ-2026-000001", kind: InvoiceKind = .invoice, buyer: BuyerParty, vat: InvoiceVAT,
        lines: [InvoiceLine], language: Language = .de, paidInFull: Bool = true
    ) -> InvoiceDocument {
        let unpaid = InvoiceTotals.of(lines: lines, vat: vat, currency: .eur, paid: .eur(0))
        let totals = paidInFull ? InvoiceTotals.of(lines: lines, vat: vat, currency: .eur, paid: unpaid.gross) : unpaid
        return InvoiceDocument(
            number: number, kind: kind, issueDate: day("2026-03-02"),
            servicePeriod: ServicePeriod(start: day("2026-02-01"), end: day("2026-02-28"))
                ?? ServicePeriod(day: day("2026-02-01")),
            currency: .eur, language: language, seller: seller, buyer: buyer, lines: lines, vat: vat, totals: totals,
            payment: paidInFull ? InvoicePayment(date: day("2026-03-02"), amount: totals.gross) : nil,
            paymentTerms: kind == .invoice
                ? (language == .de ? "Bezahlt per Stripe am 02.03.2026." : "Paid by Stripe on 02.03.2026.")
                : "Erstattet per Stripe am 02.03.2026.")
    }

    /// A credit pack line.
    public static let creditPack = InvoiceLine(
        id: "1", description: "Guthabenpaket 100 Credits", quantity: ExactDecimal(1), unitCode: "C62",
        unitNetPrice: ExactDecimal(cents: 699))

    /// DE 19 %: a credit pack for a German company.
    public static let germany = document(
        buyer: buyer("DE", vatId: "DE136695976"), vat: .germanStandard, lines: [creditPack])

    /// AT reverse charge, in English.
    public static let austria = document(
        number: "CZ-2026-000002", buyer: buyer("AT", vatId: "ATU13585627", name: "Kunde GmbH Wien"),
        vat: .reverseCharge,
        lines: [
            InvoiceLine(
                id: "1", description: "Base package Professional (Feb 2026)", quantity: ExactDecimal(1),
                unitCode: "MON", unitNetPrice: ExactDecimal(cents: 49_000))
        ], language: .en)

    /// CH outside the EU.
    public static let switzerland = document(
        number: "CZ-2026-000003", buyer: buyer("CH", vatId: nil, name: "Kunde AG Zürich"), vat: .outsideScope,
        lines: [creditPack], language: .en)

    /// A multi-line order with a fractional quantity and a price exact to 1/100 cent.
    public static let order = document(
        number: "CZ-2026-000004", buyer: buyer("DE", vatId: nil), vat: .germanStandard,
        lines: [
            InvoiceLine(
                id: "1", description: "Basispaket Professional (Februar 2026)", quantity: ExactDecimal(1),
                unitCode: "MON", unitNetPrice: ExactDecimal(cents: 49_000)),
            InvoiceLine(
                id: "2", description: "Add-on: Priority Support", quantity: ExactDecimal(3), unitCode: "C62",
                unitNetPrice: ExactDecimal(cents: 4_900)),
            InvoiceLine(
                id: "3", description: "API-Aufrufe", quantity: ExactDecimal(tenThousandths: 12_345_000),
                unitCode: "C62",
                unitNetPrice: ExactDecimal(tenThousandths: 125)),
        ])

    /// A partial correction of ``germany``: 2.00 EUR net refunded.
    public static let partialCorrection = document(
        number: "CZ-K-2026-000001", kind: .correction(of: "CZ-2026-000001", issuedOn: day("2026-03-02")),
        buyer: buyer("DE", vatId: "DE136695976"), vat: .germanStandard,
        lines: [
            InvoiceLine(
                id: "1", description: "Teilerstattung Guthabenpaket 100 Credits", quantity: ExactDecimal(-1),
                unitCode: "C62", unitNetPrice: ExactDecimal(cents: 200))
        ])

    /// All examples by a file-friendly name.
    public static let all: [(String, InvoiceDocument)] = [
        ("de19", germany), ("at-reverse-charge", austria), ("ch-outside-eu", switzerland), ("multi-line-order", order),
        ("partial-correction", partialCorrection),
    ]
}

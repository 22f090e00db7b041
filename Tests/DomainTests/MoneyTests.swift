import Testing

@testable import Domain

@Suite struct MoneyTests {
    @Test func arithmeticIsExactInCents() {
        let price = Money.eur(699)
        #expect(price + Money.eur(133) == Money.eur(832))
        #expect(price - Money.eur(700) == Money.eur(-1))
        #expect(price * 3 == Money.eur(2097))
        #expect(-price == Money.eur(-699))
        #expect(Money.sum([Money.eur(149), Money.eur(699), Money.eur(1299)], currency: .eur) == Money.eur(2147))
        #expect(Money.sum([], currency: .eur) == Money.zero(.eur))
        #expect(Money.zero(.eur).isZero)
        #expect(!price.isZero)
        #expect(Money(cents: 699, currency: .eur) == price)
    }

    @Test(arguments: [
        (0, "0.00"), (5, "0.05"), (99, "0.99"), (100, "1.00"), (699, "6.99"), (1299, "12.99"), (123_456, "1234.56"),
        (-5, "-0.05"), (-832, "-8.32"),
    ])
    func decimalString(cents: Int, text: String) {
        #expect(Money.eur(cents).decimalString == text)
        #expect(Money.eur(cents).description == "\(text) EUR")
    }

    @Test(arguments: ["EUR", "eur", "Eur"])
    func currencyParsesISOCode(code: String) throws {
        #expect(try Currency(code: code) == .eur)
        #expect(Currency.eur.code == "EUR")
        #expect(Currency.eur.minorUnitsPerUnit == 100)
    }

    @Test(arguments: ["USD", "", "EURO", "€"])
    func unknownCurrencyIsRefused(code: String) {
        #expect(throws: DomainError.unknownCurrency(code)) { try Currency(code: code) }
    }
}

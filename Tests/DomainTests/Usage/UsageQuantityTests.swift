import Testing

@testable import Domain

struct UsageQuantityTests {
    @Test(arguments: [
        ("5", 5_000), ("0", 0), ("0.125", 125), ("12.5", 12_500), ("12.50", 12_500), ("007.000", 7_000),
        ("-0", 0), ("1000000000", 1_000_000_000_000), ("0.1000", 100), ("-0.000", 0), ("00000000000001", 1_000),
        ("1.0000000", 1_000), ("0999999999.999", 999_999_999_999),
    ])
    func parsesExactDecimals(text: String, thousandths: Int) {
        #expect(UsageQuantity.parse(text) == .success(UsageQuantity(thousandths: thousandths)))
    }

    @Test(arguments: [
        ("", UsageQuantity.Rejection.malformed), ("abc", .malformed), ("1e3", .malformed), ("1.", .malformed),
        (".5", .malformed), ("+1", .malformed), (" 1", .malformed), ("1,5", .malformed), ("1.2.3", .malformed),
        ("-1", .negative), ("-0.001", .negative), ("0.0001", .tooManyDecimals), ("1.2345", .tooManyDecimals),
        ("1000000001", .tooLarge), ("99999999999999999999", .tooLarge), ("٣", .malformed), ("-", .malformed),
        ("--1", .malformed), ("-.5", .malformed), ("1..2", .malformed), ("-1.2345", .negative),
        ("-99999999999999", .negative), ("10000000000.5", .tooLarge), ("1000000000.0001", .tooManyDecimals),
    ])
    func refusesEverythingElse(text: String, rejection: UsageQuantity.Rejection) {
        #expect(UsageQuantity.parse(text) == .failure(rejection))
    }

    @Test(arguments: [(25_000, "25"), (25_500, "25.5"), (125, "0.125"), (1_010, "1.01"), (0, "0"), (5, "0.005")])
    func printsTheShortestExactDecimal(thousandths: Int, text: String) {
        #expect(UsageQuantity(thousandths: thousandths).description == text)
    }

    @Test func excessIsNeverNegative() {
        #expect(UsageQuantity(units: 25).excess(over: UsageQuantity(units: 1_000)) == .zero)
        #expect(UsageQuantity(units: 1_250).excess(over: UsageQuantity(units: 1_000)) == UsageQuantity(units: 250))
    }
}

struct UnitPriceTests {
    @Test(arguments: [("0.05", 500), ("0.0375", 375), ("0.04", 400), ("1", 10_000), ("10000", 100_000_000)])
    func parsesEuroAmountsToHundredthsOfACent(text: String, value: Int) {
        #expect(UnitPrice.parse(euros: text)?.hundredthsOfCent == value)
    }

    @Test(arguments: ["", "-0.05", "0.00001", "1e2", "0.", "10000.0001", "abc", " 0.05"])
    func refusesOtherText(text: String) {
        #expect(UnitPrice.parse(euros: text) == nil)
    }

    @Test(arguments: [
        // quantity in thousandths, price in 1/100 ct, cents: exact in 1/100 000 ct, rounded half up once.
        (250_000, 500, 1_250),  // 250 min × 0.05 € = 12.50 €
        (125, 500, 1),  // 0.125 × 5 ct = 0.625 ct → 1 ct
        (100, 500, 1),  // 0.1 × 5 ct = 0.5 ct → 1 ct (half rounds up)
        (99, 500, 0),  // 0.495 ct → 0 ct
        (1_000, 375, 4),  // 3.75 ct → 4 ct
        (1_000, 3_333, 33),  // 33.33 ct → 33 ct
        (0, 500, 0),
    ])
    func lineTotalsAreRoundedOnce(thousandths: Int, price: Int, cents: Int) {
        #expect(UnitPrice(hundredthsOfCent: price).total(for: UsageQuantity(thousandths: thousandths)) == .eur(cents))
    }

    @Test func largeLineTotalsDoNotOverflow() {
        let quantity = UsageQuantity(thousandths: 9_000_000_000_000_000)  // 9·10^15 units
        let total = UnitPrice(hundredthsOfCent: 100_000_000).total(for: quantity)  // 10,000 € each: 9·10^23 exact
        #expect(total == .eur(9_000_000_000_000_000_000))
    }

    @Test func theVATRuleIsUnchanged() {
        #expect(VATRate.germanStandard.tax(on: .eur(699)) == .eur(133))
        #expect(VATRate.germanStandard.tax(on: .eur(50)) == .eur(10))
        #expect(VATRate.germanStandard.tax(on: .eur(-50)) == .eur(-10))
        #expect(VATRate.germanStandard.tax(on: .eur(149)) == .eur(28))
    }
}

struct RoundingRuleTests {
    @Test(arguments: [
        (5, 1, 10, 1), (4, 1, 10, 0), (-5, 1, 10, -1), (-4, 1, 10, 0), (1, 1, 3, 0), (2, 1, 3, 1), (3, 1, 2, 2),
        (7, 1, 7, 1), (0, 5, 9, 0),
    ])
    func halfRoundsAwayFromZeroForAnyDivisor(value: Int, factor: Int, divisor: Int, cents: Int) {
        #expect(Money.rounded(value, times: factor, per: divisor, currency: .eur) == .eur(cents))
    }
}

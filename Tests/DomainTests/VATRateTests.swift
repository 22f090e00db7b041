import Testing

@testable import Domain

/// The one rounding rule: VAT = round half up (away from zero) of net × rate, in whole cents.
@Suite struct VATRateTests {
    @Test(arguments: [
        // (net cents, basis points, VAT cents): exact product in comments
        (699, 1900, 133),  // 132.81 → 133
        (149, 1900, 28),  // 28.31 → 28
        (1299, 1900, 247),  // 246.81 → 247
        (299, 1900, 57),  // 56.81 → 57
        (50, 1900, 10),  // 9.5 → 10 (half a cent rounds up)
        (150, 1900, 29),  // 28.5 → 29
        (250, 1900, 48),  // 47.5 → 48
        (350, 1900, 67),  // 66.5 → 67
        (1, 1900, 0),  // 0.19 → 0
        (2, 1900, 0),  // 0.38 → 0
        (3, 1900, 1),  // 0.57 → 1
        (0, 1900, 0),
        (100_000_000, 1900, 19_000_000),
        (50, 700, 4),  // 3.5 → 4
        (10, 750, 1),  // 0.75 → 1
        (699, 0, 0),
        (-50, 1900, -10),  // −9.5 → −10: symmetric for credit notes
        (-699, 1900, -133),  // −132.81 → −133
        (-149, 1900, -28),  // −28.31 → −28
    ])
    func taxRoundsHalfUpOnWholeCents(net: Int, basisPoints: Int, vat: Int) {
        #expect(VATRate(basisPoints: basisPoints).tax(on: .eur(net)) == .eur(vat))
    }

    @Test func germanStandardRateIsNineteenPercent() {
        #expect(VATRate.germanStandard == VATRate(percent: 19))
        #expect(VATRate.germanStandard.basisPoints == 1900)
        #expect(VATRate.zero.basisPoints == 0)
        #expect(VATRate.zero < VATRate.germanStandard)
    }

    @Test(arguments: [(1900, "19"), (0, "0"), (750, "7.5"), (1925, "19.25"), (1905, "19.05"), (10_000, "100")])
    func percentText(basisPoints: Int, text: String) {
        #expect(VATRate(basisPoints: basisPoints).percentText == text)
        #expect(VATRate(basisPoints: basisPoints).description == "\(text) %")
    }

    @Test func taxOnTotalDiffersFromSumOfTaxPerLine() {
        // Two lines of 0.50 €: per line 0.095 → 0.10 each (0.20); on the total of 1.00 € → 0.19.
        // The rule taxes the total.
        let rate = VATRate.germanStandard
        let perLine = rate.tax(on: .eur(50)) + rate.tax(on: .eur(50))
        let onTotal = rate.tax(on: .eur(50) + .eur(50))
        #expect(perLine == .eur(20))
        #expect(onTotal == .eur(19))
    }
}

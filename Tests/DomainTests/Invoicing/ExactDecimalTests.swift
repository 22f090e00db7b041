import Testing

@testable import Domain

@Suite struct ExactDecimalTests {
    @Test(arguments: [
        ("3", 30_000, "3", "3.0000"), ("-1.5", -15_000, "-1.5", "-1.5000"), ("0.0125", 125, "0.0125", "0.0125"),
        ("1234.5", 12_345_000, "1234.5", "1234.5000"), ("0", 0, "0", "0.0000"),
    ])
    func parsesExactly(text: String, tenThousandths: Int, shortest: String, four: String) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value.tenThousandths == tenThousandths)
        #expect(value.description == shortest)
        #expect(value.text(places: 4) == four)
    }

    @Test(arguments: ["", "-", ".5", "1.", "1.23456", "1,5", "1e3", "--1", "1.2.3", " 1", "123456789012345"])
    func refusesAnythingElse(text: String) {
        #expect(ExactDecimal(text) == nil)
    }

    @Test(arguments: [(125, 2, "0.01"), (150, 2, "0.02"), (-150, 2, "-0.02"), (49, 2, "0.00"), (12_345, 0, "1")])
    func roundsHalfAwayFromZeroWhenShortened(tenThousandths: Int, places: Int, text: String) {
        #expect(ExactDecimal(tenThousandths: tenThousandths).text(places: places) == text)
    }

    @Test(arguments: [
        ("1", "6.99", 699), ("3", "49", 14_700), ("1234.5", "0.0125", 1_543),  // 15.43125 → 15.43
        ("1.5", "0.0333", 5),  // 0.04995 → 0.05
        ("-1", "2", -200), ("0.5", "0.01", 1),  // 0.005 → 0.01
    ])
    func lineNetRoundsToWholeCents(quantity: String, price: String, cents: Int) {
        #expect(ExactDecimal.lineNetCents(quantity: ExactDecimal(quantity)!, unitPrice: ExactDecimal(price)!) == cents)
    }
}

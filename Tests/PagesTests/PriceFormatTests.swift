import Domain
import Testing

@testable import Pages

@Suite struct PriceFormatTests {
    @Test(arguments: [
        (0, "0,00\u{a0}€", "€0.00"), (5, "0,05\u{a0}€", "€0.05"), (149, "1,49\u{a0}€", "€1.49"),
        (99_900, "999,00\u{a0}€", "€999.00"), (149_000, "1.490,00\u{a0}€", "€1,490.00"),
        (123_456_789, "1.234.567,89\u{a0}€", "€1,234,567.89"), (-2_500, "-25,00\u{a0}€", "-€25.00"),
    ])
    func formatsEuros(cents: Int, german: String, english: String) {
        #expect(PriceFormat.text(.eur(cents), in: .de) == german)
        #expect(PriceFormat.text(.eur(cents), in: .en) == english)
    }

    @Test func formatsRates() {
        #expect(PriceFormat.rate(.germanStandard, in: .de) == "19\u{a0}%")
        #expect(PriceFormat.rate(VATRate(basisPoints: 750), in: .de) == "7,5\u{a0}%")
        #expect(PriceFormat.rate(.zero, in: .en) == "0%")
    }

    @Test func replacesWithoutFoundation() {
        #expect("qty_extra_users".replacingASCII("_", with: "-") == "qty-extra-users")
        #expect("Grüße_x".replacingASCII("_", with: "-") == "Grüße-x")
        #expect("%d Credits, %d €".replacingEvery("%d", with: "12") == "12 Credits, 12 €")
        #expect("{a}{a}b{".replacingEvery("{a}", with: "ä") == "ääb{")
        #expect("none".replacingEvery("%d", with: "1") == "none")
        #expect("%".replacingEvery("%d", with: "1") == "%")
    }
}

import CivilTime

/// An exact decimal with four places, stored as an integer number of ten-thousandths: a quantity (`1.5` hours)
/// or a unit net price exact to 1/100 cent (`0.0125` EUR). Never floating point.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in ten-thousandths: `1.5` is 15 000, `0.0125` is 125.
    public let tenThousandths: Int

    /// The decimal `tenThousandths` / 10 000.
    public init(tenThousandths: Int) {
        self.tenThousandths = tenThousandths
    }

    /// A whole number, e.g. a quantity of 3.
    public init(_ whole: Int) {
        self.tenThousandths = whole * 10_000
    }

    /// An amount of money as a decimal of its currency unit: 699 cents are `6.99`.
    public init(cents: Int) {
        self.tenThousandths = cents * 100
    }

    /// Parses a plain decimal such as `"3"`, `"-1.5"`, `"0.0125"` (at most four places, full stop);
    /// `nil` otherwise.
    public init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var whole = 0
        var fraction = 0
        var places = 0
        var digits = 0
        var inFraction = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !inFraction, digits > 0 else { return nil }
                inFraction = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            if inFraction {
                places += 1
                guard places <= 4 else { return nil }
                fraction = fraction * 10 + digit
            } else {
                digits += 1
                guard digits <= 14 else { return nil }
                whole = whole * 10 + digit
            }
        }
        guard digits > 0, !(inFraction && places == 0) else { return nil }
        for _ in places..<4 { fraction *= 10 }
        let value = whole * 10_000 + fraction
        self.tenThousandths = negative ? -value : value
    }

    /// The value with exactly `places` decimals (0...4), rounded half away from zero when places are dropped:
    /// `ExactDecimal("1.5")!.text(places: 4)` is `"1.5000"`.
    public func text(places: Int) -> String {
        precondition((0...4).contains(places), "ExactDecimal: \(places) places")
        var divisor = 1
        for _ in places..<4 { divisor *= 10 }
        let scaled = (tenThousandths.magnitude + UInt(divisor / 2)) / UInt(divisor)
        var scale: UInt = 1
        for _ in 0..<places { scale *= 10 }
        let whole = scaled / scale
        let sign = tenThousandths < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        return "\(sign)\(whole).\(CivilFormat.digits(Int64(scaled % scale), places))"
    }

    /// The shortest exact text: `3`, `1.5`, `0.0125`, `-2.25`.
    public var description: String {
        var text = text(places: 4)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Whether `lhs` is the smaller value.
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        lhs.tenThousandths < rhs.tenThousandths
    }

    /// `quantity × unitPrice` in cents, rounded to a whole cent once per line by the one rounding rule
    /// (``Money/rounded(_:times:per:currency:)`` in `VATRate.swift`). With whole quantities and whole-cent prices
    /// there is nothing to round.
    public static func lineNetCents(quantity: ExactDecimal, unitPrice: ExactDecimal) -> Int {
        // ten-thousandths × ten-thousandths of a unit = 1e-8 units = 1e-6 cents
        Money.rounded(quantity.tenThousandths, times: unitPrice.tenThousandths, per: 1_000_000, currency: .eur).cents
    }
}

/// An exact, non-negative amount of a metered unit with at most three decimals (minutes, pages, ...), kept as an
/// integer number of thousandths. Never floating point.
public struct UsageQuantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in thousandths of a unit: 25.5 minutes is 25 500.
    public let thousandths: Int

    /// The largest whole part one parsed quantity may have (a single event or a price setting).
    public static let maximumWholeUnits = 1_000_000_000

    /// An amount of `thousandths` (≥ 0) thousandths of a unit.
    public init(thousandths: Int) {
        precondition(thousandths >= 0, "UsageQuantity: negative amount \(thousandths)")
        self.thousandths = thousandths
    }

    /// A whole number of units.
    public init(units: Int) {
        self.init(thousandths: units * 1_000)
    }

    /// Zero units.
    public static let zero = UsageQuantity(thousandths: 0)

    /// Why a text is not a quantity.
    public enum Rejection: String, Error, Sendable, Hashable {
        /// Not a plain decimal (`12`, `12.5`, `0.125`): letters, exponents, signs other than `-`, empty parts.
        case malformed
        /// Below zero.
        case negative
        /// More than three decimals.
        case tooManyDecimals = "too_many_decimals"
        /// A whole part above ``UsageQuantity/maximumWholeUnits``.
        case tooLarge = "too_large"

        /// A plain English sentence for the client.
        public var detail: String {
            switch self {
            case .malformed: "must be a decimal string such as \"12.5\""
            case .negative: "must not be negative"
            case .tooManyDecimals: "must have at most 3 decimals"
            case .tooLarge: "must be at most \(UsageQuantity.maximumWholeUnits)"
            }
        }
    }

    /// Parses a plain decimal string with at most three decimals: `"5"`, `"0.125"`, `"12.50"`.
    public static func parse(_ text: String) -> Result<UsageQuantity, Rejection> {
        // One pass over the bytes, no copies (a batch of usage parses a thousand of these per request).
        if let parsed = text.utf8.withContiguousStorageIfAvailable(parse(bytes:)) { return parsed }
        var copy = text
        return copy.withUTF8(parse(bytes:))
    }

    /// ``parse(_:)`` over UTF-8 bytes. The checks in order: malformed, negative, decimals, size.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result<UsageQuantity, Rejection> {
        let negative = bytes.first == UInt8(ascii: "-")
        var sawWholeDigit = false
        var sawDot = false
        // Whole digits after leading zeros (only the first 11 are added up: more is too large anyway).
        var wholeDigits = 0
        var wholeValue = 0
        var fractionDigits = 0
        // Fraction digits up to the last non-zero one; the value of the first three.
        var significantFractionDigits = 0
        var fractionValue = 0
        for byte in bytes.dropFirst(negative ? 1 : 0) {
            if byte == UInt8(ascii: ".") {
                guard !sawDot else { return .failure(.malformed) }
                sawDot = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .failure(.malformed) }
            let digit = Int(byte &- UInt8(ascii: "0"))
            if sawDot {
                fractionDigits += 1
                if digit != 0 { significantFractionDigits = fractionDigits }
                if fractionDigits <= 3 { fractionValue = fractionValue * 10 + digit }
            } else {
                sawWholeDigit = true
                if wholeDigits > 0 || digit != 0 {
                    wholeDigits += 1
                    if wholeDigits <= 11 { wholeValue = wholeValue * 10 + digit }
                }
            }
        }
        guard sawWholeDigit, !sawDot || fractionDigits > 0 else { return .failure(.malformed) }
        if negative && (wholeDigits > 0 || significantFractionDigits > 0) { return .failure(.negative) }
        guard significantFractionDigits <= 3 else { return .failure(.tooManyDecimals) }
        guard wholeDigits <= 10, wholeValue <= maximumWholeUnits else { return .failure(.tooLarge) }
        for _ in min(fractionDigits, 3)..<3 { fractionValue *= 10 }
        return .success(UsageQuantity(thousandths: wholeValue * 1_000 + fractionValue))
    }

    /// The sum of two quantities.
    public static func + (lhs: UsageQuantity, rhs: UsageQuantity) -> UsageQuantity {
        UsageQuantity(thousandths: lhs.thousandths + rhs.thousandths)
    }

    /// What exceeds `allowance`, zero when within it.
    public func excess(over allowance: UsageQuantity) -> UsageQuantity {
        UsageQuantity(thousandths: max(0, thousandths - allowance.thousandths))
    }

    /// Whether `lhs` is the smaller amount.
    public static func < (lhs: UsageQuantity, rhs: UsageQuantity) -> Bool {
        lhs.thousandths < rhs.thousandths
    }

    /// The shortest exact decimal: `25`, `25.5`, `0.125`.
    public var description: String {
        let whole = thousandths / 1_000
        var fraction = thousandths % 1_000
        guard fraction != 0 else { return "\(whole)" }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }
}

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
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } })
        else { return .failure(.malformed) }
        let fraction = parts.count == 2 ? parts[1] : []
        let whole = parts[0].drop { $0 == UInt8(ascii: "0") }
        let significantFraction = fraction.reversed().drop { $0 == UInt8(ascii: "0") }
        let isZero = whole.isEmpty && significantFraction.isEmpty
        if negative && !isZero { return .failure(.negative) }
        guard significantFraction.count <= 3 else { return .failure(.tooManyDecimals) }
        guard whole.count <= 10 else { return .failure(.tooLarge) }
        let wholeValue = whole.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard wholeValue <= maximumWholeUnits else { return .failure(.tooLarge) }
        var fractionValue = 0
        for index in 0..<3 {
            let digit = index < fraction.count ? Int(fraction[fraction.startIndex + index] - UInt8(ascii: "0")) : 0
            fractionValue = fractionValue * 10 + digit
        }
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

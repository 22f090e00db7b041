/// The shape of a VAT number after its prefix, the hand-written equivalent of a VIES format regex.
///
/// A pattern is a list of alternatives; each alternative is a sequence of character classes with a repeat
/// count, e.g. `[0-9]{9}B[0-9]{2}` is `[.digits(9), .literal("B"), .digits(2)]`. Matching is anchored at
/// both ends and backtracks over variable counts, like a regex, but needs no regex engine.
struct VATNumberPattern: Sendable {
    /// One character class repeated `count` times.
    struct Element: Sendable {
        /// The ASCII bytes allowed at each position.
        let allowed: Set<UInt8>
        /// How often the class repeats.
        let count: ClosedRange<Int>

        /// Any of `characters`, repeated `count` times.
        static func oneOf(_ characters: String, _ count: ClosedRange<Int> = 1...1) -> Element {
            Element(allowed: Set(characters.utf8), count: count)
        }

        /// Exactly `count` decimal digits.
        static func digits(_ count: Int) -> Element { .oneOf(decimalDigits, count...count) }

        /// Between `count.lowerBound` and `count.upperBound` decimal digits.
        static func digits(_ count: ClosedRange<Int>) -> Element { .oneOf(decimalDigits, count) }

        /// The single character `character`.
        static func literal(_ character: String) -> Element { .oneOf(character) }
    }

    /// `0123456789`.
    static let decimalDigits = "0123456789"
    /// `A` to `Z`.
    static let uppercaseLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    /// The alternatives; the pattern matches when any one of them matches the whole input.
    let alternatives: [[Element]]

    /// A pattern with a single alternative.
    init(_ elements: Element...) {
        self.alternatives = [elements]
    }

    /// A pattern with several alternatives.
    init(alternatives: [[Element]]) {
        self.alternatives = alternatives
    }

    /// Whether `input` matches one alternative completely.
    func matches(_ input: [UInt8]) -> Bool {
        alternatives.contains { match($0[...], input[...]) }
    }

    private func match(_ elements: ArraySlice<Element>, _ input: ArraySlice<UInt8>) -> Bool {
        guard let element = elements.first else { return input.isEmpty }
        let available = input.prefix(element.count.upperBound).prefix { element.allowed.contains($0) }.count
        guard available >= element.count.lowerBound else { return false }
        for taken in stride(from: available, through: element.count.lowerBound, by: -1)
        where match(elements.dropFirst(), input.dropFirst(taken)) {
            return true
        }
        return false
    }
}

extension Request {
    /// The language from `available` that the client prefers by its `Accept-Language` header
    /// (RFC 9110 §12.5.4 with RFC 4647 basic matching), or `fallback`.
    ///
    /// A range matches a language when it equals it, is a prefix of it (`de` matches `de-at`) or is `*`;
    /// as a practical fallback a more specific range also matches its primary language (`de-DE` matches
    /// `de`, since browsers often send only the regional form). The most specific matching range gives a
    /// language its quality; `q=0` means "not acceptable". The highest quality wins; ties go to the range
    /// listed first in the header, then to the order of `available` (the server's preference).
    /// Comparison ignores case; the returned value is the element of `available` as given.
    public func preferredLanguage(among available: [String], default fallback: String) -> String {
        guard let header = headers["accept-language"] else { return fallback }
        return LanguageNegotiation.select(header: header, available: available) ?? fallback
    }
}

/// Parsing and matching of `Accept-Language`.
enum LanguageNegotiation {
    /// One weighted language range from the header.
    struct WeightedRange: Equatable {
        /// The lower-cased range, e.g. `de-de` or `*`.
        var range: String
        /// The quality in thousandths, 0...1000.
        var quality: Int
        /// The position in the header, for tie-breaking.
        var position: Int
    }

    /// Parses the header; malformed ranges and malformed `q` values are skipped.
    static func parse(_ header: String) -> [WeightedRange] {
        var ranges: [WeightedRange] = []
        for element in header.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let first = parts.first else { continue }
            let range = ASCII.lowercased(ASCII.trimmingWhitespace(first))
            guard isLanguageRange(range) else { continue }
            var quality = 1000
            var valid = true
            for parameter in parts.dropFirst() {
                let trimmed = ASCII.trimmingWhitespace(parameter)
                guard trimmed.hasPrefix("q=") || trimmed.hasPrefix("Q=") else { continue }
                guard let parsed = parseQuality(trimmed.dropFirst(2)) else {
                    valid = false
                    break
                }
                quality = parsed
            }
            if valid { ranges.append(WeightedRange(range: range, quality: quality, position: ranges.count)) }
        }
        return ranges
    }

    /// The preferred element of `available`, or `nil` when none is acceptable.
    static func select(header: String, available: [String]) -> String? {
        let ranges = parse(header)
        var best: (quality: Int, position: Int, index: Int)?
        for (index, language) in available.enumerated() {
            guard let match = bestRange(for: ASCII.lowercased(language), in: ranges), match.quality > 0 else {
                continue
            }
            let candidate = (quality: match.quality, position: match.position, index: index)
            if let current = best {
                if candidate.quality > current.quality
                    || (candidate.quality == current.quality && candidate.position < current.position)
                {
                    best = candidate
                }
            } else {
                best = candidate
            }
        }
        return best.map { available[$0.index] }
    }

    /// The most specific range matching `language`.
    static func bestRange(for language: String, in ranges: [WeightedRange]) -> WeightedRange? {
        var best: (specificity: Int, range: WeightedRange)?
        for range in ranges {
            let specificity: Int
            if range.range == language {
                specificity = 3000
            } else if language.hasPrefix(range.range + "-") {
                specificity = 2000 + range.range.utf8.count
            } else if range.range.hasPrefix(language + "-") {
                specificity = 1000
            } else if range.range == "*" {
                specificity = 1
            } else {
                continue
            }
            if best == nil || specificity > best!.specificity {
                best = (specificity, range)
            }
        }
        return best?.range
    }

    /// Parses an RFC 9110 qvalue into thousandths: `0`, `0.5`, `1`, `1.000`.
    static func parseQuality(_ text: Substring) -> Int? {
        let utf8 = Array(text.utf8)
        guard let first = utf8.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        var value = Int(first - UInt8(ascii: "0")) * 1000
        guard utf8.count > 1 else { return value }
        guard utf8[1] == UInt8(ascii: "."), utf8.count <= 5 else { return nil }
        var scale = 100
        for byte in utf8.dropFirst(2) {
            guard let digit = ASCII.hexValue(byte), digit < 10 else { return nil }
            value += Int(digit) * scale
            scale /= 10
        }
        return value <= 1000 ? value : nil
    }

    private static func isLanguageRange(_ range: String) -> Bool {
        if range == "*" { return true }
        let subtags = range.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = subtags.first, (1...8).contains(primary.utf8.count),
            primary.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
        else { return false }
        return subtags.dropFirst().allSatisfy { subtag in
            (1...8).contains(subtag.utf8.count)
                && subtag.utf8.allSatisfy {
                    ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                        || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                }
        }
    }
}

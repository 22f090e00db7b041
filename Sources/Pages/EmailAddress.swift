/// A plausibility check for e-mail addresses typed into forms (not RFC 5322: one `@`, a dot in the domain, no
/// spaces, at most 254 characters). Whether the address exists only a confirmation mail can tell.
enum EmailAddress {
    /// Whether `text` looks like an address.
    static func isPlausible(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1]
        guard let dot = domain.lastIndex(of: "."), dot != domain.startIndex else { return false }
        return domain.index(after: dot) != domain.endIndex && !domain.hasPrefix(".") && !domain.contains("..")
    }
}

extension String {
    /// The text without leading and trailing white space and newlines.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

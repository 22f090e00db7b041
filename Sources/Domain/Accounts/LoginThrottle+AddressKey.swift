extension LoginThrottle {
    /// The key failures of a client address are counted under: an IPv4 address as it is, an IPv6 address as
    /// its /64 network (one subscriber usually holds a whole /64, so counting single addresses would be
    /// useless), an IPv4-mapped IPv6 address as its IPv4 address. Anything unparsable is used as given,
    /// trimmed and in lower case.
    ///
    /// `"2001:db8:1:2:aaaa::1"` → `"2001:db8:1:2::/64"`, `"::ffff:192.0.2.7"` → `"192.0.2.7"`.
    public static func addressKey(_ address: String) -> String {
        var text = address.trimmedWhitespace.lowercased()
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        guard text.contains(":"), let groups = ipv6Groups(text) else { return text }
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
            return [groups[6] >> 8, groups[6] & 0xFF, groups[7] >> 8, groups[7] & 0xFF].map(String.init)
                .joined(separator: ".")
        }
        return groups[0..<4].map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
    }

    /// The eight 16-bit groups of an IPv6 address in text form (RFC 4291 §2.2), or `nil`.
    static func ipv6Groups(_ text: String) -> [Int]? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func parse(_ half: String) -> [Int]? {
            guard !half.isEmpty else { return [] }
            var groups: [Int] = []
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if index == parts.count - 1, part.contains(".") {
                    let octets = part.split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
                    guard octets.count == 4, octets.allSatisfy({ (0...255).contains($0) }) else { return nil }
                    groups += [octets[0] << 8 | octets[1], octets[2] << 8 | octets[3]]
                } else {
                    guard (1...4).contains(part.count), let value = Int(part, radix: 16) else { return nil }
                    groups.append(value)
                }
            }
            return groups
        }
        guard let left = parse(halves[0]) else { return nil }
        if halves.count == 1 { return left.count == 8 ? left : nil }
        guard let right = parse(halves[1]), left.count + right.count <= 7 else { return nil }
        return left + Array(repeating: 0, count: 8 - left.count - right.count) + right
    }
}

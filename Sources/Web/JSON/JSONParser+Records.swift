extension JSON {
    /// A one-pass read of one known document shape, without building the tree: `{"<arrayKey>": [{…}, …]}` whose
    /// array holds 1 to `maximumCount` objects, each with string members named in `members` only (any order, each at
    /// most once, any of them absent). Returns every object's member strings, `members.count` per object in the
    /// order of `members` (nil for an absent member): exactly the strings ``parse(_:maximumDepth:)-([UInt8],_)``
    /// gives for them (escapes and UTF-8 checked by the same code). Returns nil for every other document — invalid
    /// JSON, another top-level member, a member not in `members` or twice, a value that is not a string or holds
    /// U+0000, an empty or longer array, an object key written with escapes — so the caller parses it the general
    /// way and answers exactly what it answers.
    public static func stringRecords(
        _ bytes: [UInt8], under arrayKey: StaticString, members: [StaticString], maximumCount: Int
    ) -> [String?]? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer: buffer, maximumDepth: defaultMaximumDepth)
            return parser.stringRecords(under: arrayKey, members: members, maximumCount: maximumCount)
        }
    }
}

extension JSONParser {
    /// See ``JSON/stringRecords(_:under:members:maximumCount:)``.
    mutating func stringRecords(under arrayKey: StaticString, members: [StaticString], maximumCount: Int) -> [String?]?
    {
        guard members.count <= 64, take(UInt8(ascii: "{")), keyIndex([arrayKey]) == 0, take(UInt8(ascii: ":")),
            take(UInt8(ascii: "["))
        else { return nil }
        var records: [String?] = []
        var count = 0
        while true {
            guard count < maximumCount, take(UInt8(ascii: "{")) else { return nil }
            count += 1
            let base = records.count
            records.append(contentsOf: repeatElement(nil, count: members.count))
            var seen: UInt64 = 0
            if !take(UInt8(ascii: "}")) {
                while true {
                    guard let member = keyIndex(members), seen & (1 << member) == 0, take(UInt8(ascii: ":")) else {
                        return nil
                    }
                    seen |= 1 << member
                    skipWhitespace()
                    let start = current
                    guard start < bytes.count, bytes[start] == UInt8(ascii: "\""), let value = try? parseString(),
                        !(isEscaped(from: start) && value.utf8.contains(0))
                    else { return nil }
                    records[base + member] = value
                    if take(UInt8(ascii: "}")) { break }
                    guard take(UInt8(ascii: ",")) else { return nil }
                }
            }
            if take(UInt8(ascii: "]")) { break }
            guard take(UInt8(ascii: ",")) else { return nil }
        }
        guard take(UInt8(ascii: "}")) else { return nil }
        skipWhitespace()
        return current == bytes.count ? records : nil
    }

    /// Skips whitespace and takes `byte` when it comes next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard current < bytes.count, bytes[current] == byte else { return false }
        advance(to: current + 1)
        return true
    }

    /// Skips whitespace and reads an object key without escapes; its position in `names`, or nil (any other key,
    /// or one with escapes, control characters or non-ASCII bytes).
    private mutating func keyIndex(_ names: [StaticString]) -> Int? {
        skipWhitespace()
        guard current < bytes.count, bytes[current] == UInt8(ascii: "\"") else { return nil }
        let start = current + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        advance(to: end + 1)
        for (position, name) in names.enumerated() where name.utf8CodeUnitCount == end - start {
            let text = name.utf8Start
            var offset = 0
            while offset < end - start, text[offset] == bytes[start + offset] { offset += 1 }
            if offset == end - start { return position }
        }
        return nil
    }

    /// Whether the string read from `start` to here holds an escape (only then can it hold U+0000: the parser
    /// refuses raw control characters).
    private func isEscaped(from start: Int) -> Bool {
        var position = start
        while position < current, bytes[position] != UInt8(ascii: "\\") { position += 1 }
        return position < current
    }
}

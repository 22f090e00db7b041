/// PostgreSQL array literals for values bound as one text parameter and cast in the statement (`$1::text[]`): a
/// statement takes any number of values without a parameter each.
enum PostgresArrayLiteral {
    /// `{"a","b"}` of `member` of every element: each quoted, `"` and `\` escaped with a backslash (any other
    /// character stands for itself inside quotes; texts never hold NUL).
    static func text<Elements: Sequence>(_ elements: Elements, _ member: (Elements.Element) -> String) -> String {
        text(elements) { Optional(member($0)) }
    }

    /// The same with NULL (unquoted) for an element whose `member` is nil.
    static func text<Elements: Sequence>(_ elements: Elements, _ member: (Elements.Element) -> String?) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(elements.underestimatedCount * 40 + 2)
        bytes.append(UInt8(ascii: "{"))
        for (position, element) in elements.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            guard var text = member(element) else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            text.withUTF8 { utf8 in
                // Runs between the characters to escape are copied whole.
                var runStart = 0
                for index in 0..<utf8.count
                where utf8[index] == UInt8(ascii: "\"") || utf8[index] == UInt8(ascii: "\\") {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    bytes.append(UInt8(ascii: "\\"))
                    runStart = index
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}

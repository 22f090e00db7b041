extension JSON {
    /// Parses a complete JSON text strictly by RFC 8259.
    ///
    /// Rejected, with the byte offset: empty input, trailing data, a byte-order mark, comments, trailing
    /// commas, single quotes, leading zeros, `NaN`/`Infinity`, numbers beyond `Double`, raw control
    /// characters in strings, invalid escapes, unpaired surrogate escapes, invalid UTF-8, duplicate keys,
    /// and nesting deeper than `maximumDepth`. The caller bounds the input size.
    ///
    /// - Throws: ``WebError/invalidJSON(_:)``.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(WebError) -> JSON {
        let result: Result<JSON, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer: buffer, maximumDepth: maximumDepth)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw .invalidJSON(error)
        }
    }

    /// Parses a JSON text given as a string; see ``parse(_:maximumDepth:)-([UInt8],_)``.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(WebError) -> JSON {
        try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }
}

extension JSONSyntaxError: Error {}

/// A recursive-descent parser over a byte buffer.
struct JSONParser {
    private let buffer: UnsafeBufferPointer<UInt8>
    private let maximumDepth: Int
    private var index = 0
    private var depth = 0

    init(buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.buffer = buffer
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSON {
        skipWhitespace()
        guard index < buffer.count else { throw JSONSyntaxError(reason: .emptyInput, offset: index) }
        let value = try parseValue()
        skipWhitespace()
        guard index == buffer.count else { throw JSONSyntaxError(reason: .trailingData, offset: index) }
        return value
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSON {
        guard index < buffer.count else { throw fail(.unexpectedEnd) }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case let byte:
            throw fail(.unexpectedCharacter(byte))
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSON {
        try enterContainer()
        index += 1
        var elements: [JSON] = []
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard index < buffer.count else { throw fail(.unexpectedEnd) }
            switch buffer[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            case let byte:
                throw fail(.unexpectedCharacter(byte))
            }
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSON {
        try enterContainer()
        index += 1
        var members: [(key: String, value: JSON)] = []
        var seenKeys: Set<String>?
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject(uniqueMembers: members))
        }
        while true {
            guard index < buffer.count else { throw fail(.unexpectedEnd) }
            guard buffer[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedCharacter(buffer[index])) }
            let keyOffset = index
            let key = try parseString()
            if isDuplicate(key, in: members, seen: &seenKeys) {
                throw JSONSyntaxError(reason: .duplicateKey(key), offset: keyOffset)
            }
            skipWhitespace()
            guard index < buffer.count else { throw fail(.unexpectedEnd) }
            guard buffer[index] == UInt8(ascii: ":") else { throw fail(.unexpectedCharacter(buffer[index])) }
            index += 1
            skipWhitespace()
            members.append((key: key, value: try parseValue()))
            skipWhitespace()
            guard index < buffer.count else { throw fail(.unexpectedEnd) }
            switch buffer[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(JSONObject(uniqueMembers: members))
            case let byte:
                throw fail(.unexpectedCharacter(byte))
            }
        }
    }

    /// Linear search for small objects, a hash set once an object grows past 16 members.
    private func isDuplicate(
        _ key: String, in members: [(key: String, value: JSON)], seen: inout Set<String>?
    ) -> Bool {
        if seen == nil && members.count >= 16 { seen = Set(members.map(\.key)) }
        if seen != nil { return !seen!.insert(key).inserted }
        return members.contains { $0.key == key }
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > maximumDepth { throw fail(.tooDeep(limit: maximumDepth)) }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = index
        let matches = literal.withUTF8Buffer { expected in
            guard start + expected.count <= buffer.count else { return false }
            for offset in 0..<expected.count where buffer[start + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { throw fail(.invalidLiteral) }
        index += literal.utf8CodeUnitCount
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    func fail(_ reason: JSONSyntaxError.Reason) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, offset: index)
    }

    var current: Int { index }
    var bytes: UnsafeBufferPointer<UInt8> { buffer }
    mutating func advance(to position: Int) { index = position }
}

import Testing

@testable import Web

@Suite struct JSONParserTests {
    @Test(
        arguments: [
            (" null ", JSON.null), ("true", true), ("false", false), ("0", 0), ("-0", 0), ("123", 123),
            ("-9223372036854775808", .int(.min)), ("9223372036854775807", .int(.max)),
            ("9223372036854775808", .double(9_223_372_036_854_775_808)), ("1.5", 1.5), ("1e2", .double(100)),
            ("1E+2", .double(100)), ("-1.25e-2", -0.0125), ("\"\"", ""), (#""a\"b\\c\/d""#, "a\"b\\c/d"),
            (#""\b\f\n\r\t""#, "\u{08}\u{0C}\n\r\t"), (#""\u00e4\u20AC""#, "ä€"), (#""\uD83D\uDE00""#, "😀"),
            ("\"Müller\"", "Müller"), ("[]", []), ("{}", [:]), ("[1,[2,[3]]]", [1, [2, [3]]]),
            (" {\"a\" : 1 ,\n\t\"b\":[ ] } ", ["a": 1, "b": []]), ("\"a\\u0000b\"", "a\u{0}b"),
        ] as [(String, JSON)])
    func validDocuments(text: String, expected: JSON) throws {
        #expect(try JSON.parse(text) == expected)
    }

    @Test func keepsMemberOrder() throws {
        let object = try JSON.parse(#"{"z":1,"a":2,"m":3}"#).objectValue
        #expect(object?.keys == ["z", "a", "m"])
    }

    @Test(
        arguments: [
            ("", JSONSyntaxError.Reason.emptyInput, 0),
            ("  \n", .emptyInput, 3),
            ("[1,2", .unexpectedEnd, 4),
            ("{\"a\":", .unexpectedEnd, 5),
            ("\"abc", .unexpectedEnd, 4),
            ("[1,]", .unexpectedCharacter(UInt8(ascii: "]")), 3),
            ("{\"a\":1,}", .unexpectedCharacter(UInt8(ascii: "}")), 7),
            ("{a:1}", .unexpectedCharacter(UInt8(ascii: "a")), 1),
            ("{\"a\" 1}", .unexpectedCharacter(UInt8(ascii: "1")), 5),
            ("[1 2]", .unexpectedCharacter(UInt8(ascii: "2")), 3),
            ("'a'", .unexpectedCharacter(UInt8(ascii: "'")), 0),
            ("// c\n1", .unexpectedCharacter(UInt8(ascii: "/")), 0),
            ("\u{FEFF}1", .unexpectedCharacter(0xEF), 0),
            ("NaN", .unexpectedCharacter(UInt8(ascii: "N")), 0),
            ("+1", .unexpectedCharacter(UInt8(ascii: "+")), 0),
            (".5", .unexpectedCharacter(UInt8(ascii: ".")), 0),
            ("tru", .invalidLiteral, 0),
            ("nul", .invalidLiteral, 0),
            ("fals e", .invalidLiteral, 0),
            ("01", .invalidNumber, 0),
            ("-", .invalidNumber, 0),
            ("-a", .invalidNumber, 0),
            ("1.", .invalidNumber, 0),
            ("1.e5", .invalidNumber, 0),
            ("1e", .invalidNumber, 0),
            ("1e+", .invalidNumber, 0),
            ("[-Infinity]", .invalidNumber, 1),
            ("1e400", .numberOutOfRange, 0),
            ("-1e400", .numberOutOfRange, 0),
            ("\"\\x\"", .invalidEscape, 1),
            ("\"\\u12G4\"", .invalidUnicodeEscape, 1),
            ("\"\\uDC00\"", .invalidUnicodeEscape, 1),
            ("\"\\uD800\"", .invalidUnicodeEscape, 1),
            ("\"\\uD800\\u0041\"", .invalidUnicodeEscape, 1),
            ("\"a\\u12", .unexpectedEnd, 6),
            ("\"a\nb\"", .controlCharacterInString, 2),
            ("\"\\n\tb\"", .controlCharacterInString, 3),
            ("{\"a\":1,\"a\":2}", .duplicateKey("a"), 7),
            ("1 2", .trailingData, 2),
            ("{} x", .trailingData, 3),
            ("nullx", .trailingData, 4),
        ] as [(String, JSONSyntaxError.Reason, Int)])
    func errorClassesAndOffsets(text: String, reason: JSONSyntaxError.Reason, offset: Int) {
        #expect(throws: WebError.invalidJSON(JSONSyntaxError(reason: reason, offset: offset))) {
            try JSON.parse(text)
        }
    }

    @Test(
        arguments: [
            ([0x22, 0xFF, 0x22], 1),  // invalid lead byte
            ([0x22, 0x61, 0xC3, 0x22], 2),  // truncated sequence
            ([0x22, 0xC0, 0xAF, 0x22], 1),  // overlong '/'
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // encoded surrogate
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
            ([0x22, 0x5C, 0x6E, 0x80, 0x22], 3),  // stray continuation after an escape
            ([0x5B, 0xC3, 0xA4, 0x5D], 1),  // non-ASCII outside a string
        ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        #expect {
            try JSON.parse(bytes)
        } throws: { error in
            guard case WebError.invalidJSON(let syntax) = error else { return false }
            return syntax.offset == offset
                && (syntax.reason == .invalidUTF8 || syntax.reason == .unexpectedCharacter(bytes[offset]))
        }
    }

    @Test func duplicateKeysInLargeObjects() {
        let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(throws: Never.self) { try JSON.parse("{\(members)}") }
        let offset = 1 + members.utf8.count + 1
        #expect(throws: WebError.invalidJSON(JSONSyntaxError(reason: .duplicateKey("k3"), offset: offset))) {
            try JSON.parse("{\(members),\"k3\":0}")
        }
    }

    @Test func depthLimit() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSON.parse(ok) }
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: WebError.invalidJSON(JSONSyntaxError(reason: .tooDeep(limit: 64), offset: 64))) {
            try JSON.parse(tooDeep)
        }
        #expect(throws: WebError.invalidJSON(JSONSyntaxError(reason: .tooDeep(limit: 2), offset: 10))) {
            try JSON.parse(#"{"a":{"b":{}}}"#, maximumDepth: 2)
        }
        // A hostile depth far beyond the limit fails fast instead of overflowing the stack.
        #expect(throws: WebError.self) { try JSON.parse(String(repeating: "[", count: 1_000_000)) }
    }

    @Test func messagesAreSafeAndPositioned() {
        #expect(
            JSONSyntaxError(reason: .unexpectedCharacter(0x7D), offset: 17).description
                == "unexpected character '}' at byte 17")
        #expect(
            JSONSyntaxError(reason: .unexpectedCharacter(0x0A), offset: 1).description
                == "unexpected byte 0x0A at byte 1")
        let longKey = String(repeating: "k", count: 100)
        #expect(JSONSyntaxError(reason: .duplicateKey(longKey), offset: 0).description.count < 100)
        #expect(
            WebError.invalidJSON(JSONSyntaxError(reason: .trailingData, offset: 3)).description
                == "Invalid JSON: unexpected data after the JSON value at byte 3")
    }
}

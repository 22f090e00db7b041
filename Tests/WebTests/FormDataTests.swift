import Testing

@testable import Web

@Suite struct FormDataTests {
    @Test(arguments: [
        ("a=1&b=2", [("a", "1"), ("b", "2")]),
        ("name=J%C3%BCrgen+M%C3%BCller", [("name", "Jürgen Müller")]),
        ("a=1&&b=2&", [("a", "1"), ("b", "2")]),
        ("flag", [("flag", "")]),
        ("a=", [("a", "")]),
        ("=v", [("", "v")]),
        ("tag=a&tag=b", [("tag", "a"), ("tag", "b")]),
        ("eq=a%3Db=c", [("eq", "a=b=c")]),
        ("plus=%2B", [("plus", "+")]),
        ("k+ey=v", [("k ey", "v")]),
        ("", []),
    ])
    func parsing(encoded: String, expected: [(String, String)]) throws {
        let form = try FormData(parsing: encoded)
        #expect(form.fields == expected.map { FormData.Field(name: $0.0, value: $0.1) })
    }

    @Test(arguments: ["a=%", "a=%4", "a=%ZZ", "a=%00", "%FF=1", "a=%C3"])
    func rejectsMalformedEncodings(encoded: String) {
        #expect(throws: WebError.self) { try FormData(parsing: encoded) }
    }

    /// The parser splits the UTF-8 bytes; what it answers (the pairs, or the error and its message) is what splitting
    /// the `String` and decoding each piece with ``PercentEncoding/decode(_:plusAsSpace:)`` answers, for every
    /// string of up to four pieces of an alphabet with the separators, escapes good and bad, NUL and non-ASCII text.
    @Test func bytesAnswerWhatTheStringSplitAnswered() {
        func reference(_ encoded: String) -> Result<[FormData.Field], WebError> {
            do throws(WebError) {
                var fields: [FormData.Field] = []
                for piece in encoded.split(separator: "&", omittingEmptySubsequences: true) {
                    if let equals = piece.firstIndex(of: "=") {
                        let name = try PercentEncoding.decode(piece[..<equals], plusAsSpace: true)
                        let value = try PercentEncoding.decode(piece[piece.index(after: equals)...], plusAsSpace: true)
                        fields.append(FormData.Field(name: name, value: value))
                    } else {
                        fields.append(
                            FormData.Field(name: try PercentEncoding.decode(piece, plusAsSpace: true), value: ""))
                    }
                }
                return .success(fields)
            } catch {
                return .failure(error)
            }
        }
        let alphabet = ["&", "=", "a", "+", "%41", "%C3%A4", "%C3", "%4", "%", "%ZZ", "%00", "\u{0}", "ä", "€x", "%2B"]
        var checked = 0
        func check(_ encoded: String) {
            let parsed: Result<[FormData.Field], WebError>
            do { parsed = .success(try FormData(parsing: encoded).fields) } catch { parsed = .failure(error) }
            #expect(parsed == reference(encoded), "\(encoded.debugDescription)")
            checked += 1
        }
        for first in alphabet {
            for second in alphabet {
                for third in alphabet {
                    check(first + second + third)
                    for fourth in ["&", "=", "%41", "b"] { check(first + second + third + fourth) }
                }
            }
        }
        #expect(checked == alphabet.count * alphabet.count * alphabet.count * 5)
    }

    @Test func rejectsInvalidUTF8Body() {
        #expect(throws: WebError.self) { try FormData(parsing: [0x61, 0x3D, 0xFF] as [UInt8]) }
    }

    @Test func lookup() throws {
        let form = try FormData(parsing: "tag=a&tag=b&x=1")
        #expect(form["tag"] == "a")
        #expect(form.values(for: "tag") == ["a", "b"])
        #expect(form["TAG"] == nil)
        #expect(form.values(for: "none").isEmpty)
    }

    @Test func encodingRoundTrip() throws {
        var form: FormData = ["line_items[0][price]": "price_1", "note": "Müller & Co = 100% ok"]
        form.append(name: "empty", value: "")
        #expect(form.encoded == "line_items%5B0%5D%5Bprice%5D=price_1&note=M%C3%BCller+%26+Co+%3D+100%25+ok&empty=")
        #expect(try FormData(parsing: form.encoded) == form)
    }

    @Test(arguments: [
        ("abc-._~XYZ019", "abc-._~XYZ019"), ("a b", "a%20b"), ("ä", "%C3%A4"), ("/?#&=+", "%2F%3F%23%26%3D%2B"),
    ])
    func percentEncoding(plain: String, encoded: String) throws {
        #expect(PercentEncoding.encode(plain) == encoded)
        #expect(try PercentEncoding.decode(encoded) == plain)
    }

    @Test func plusIsOnlyASpaceInForms() throws {
        #expect(try PercentEncoding.decode("a+b") == "a+b")
        #expect(try PercentEncoding.decode("a+b", plusAsSpace: true) == "a b")
        #expect(PercentEncoding.encodeFormComponent("a b") == "a+b")
    }
}

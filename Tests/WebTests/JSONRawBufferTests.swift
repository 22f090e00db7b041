import Testing
import Web

/// `JSONWriter.RawBuffer` and the eight-bytes-at-a-time scan both it and the writer use (issue #16): the same
/// bytes as an escaper written here character by character, wherever in an eight-byte word an escape falls.
@Suite struct JSONRawBufferTests {
    /// The standard escaping, spelled out per Unicode scalar (independent of the code under test).
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\" + "u2028"
            case "\u{2029}": out += "\\" + "u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\" + "u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The pieces the cases are made of: every kind of escape, look-alikes of U+2028 (other E2 sequences), plain
    /// ASCII and other multi-byte characters.
    static let pieces = [
        "a", "bcdefgh", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{0}", "\u{7F}",
        "\u{2028}", "\u{2029}", "€", "\u{2027}", "\u{202A}", "\u{2000}", "ä", "😀", "<>&/", "'",
    ]

    static func cases() -> [String] {
        var cases = ["", "plain ASCII only, longer than eight bytes", "12345678", "1234567", "123456789"]
        // Each piece at every offset of an eight-byte word, with text after it too.
        for piece in pieces {
            for offset in 0..<17 {
                cases.append(String(repeating: "x", count: offset) + piece)
                cases.append(String(repeating: "x", count: offset) + piece + "yyyyyyyyy")
            }
        }
        // Pseudo-random mixtures (fixed seed: the same cases every run).
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<(Int(state % 24)) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            cases.append(text)
        }
        return cases
    }

    @Test func quotedTextHasTheReferenceBytesAndTheWritersBytes() {
        for text in Self.cases() {
            let utf8 = Array(text.utf8)
            let raw = utf8.withUnsafeBufferPointer { bytes in
                JSONWriter.RawBuffer.written(initialCapacity: 1) { $0.appendQuoted(bytes) }
            }
            var writer = JSONWriter()
            writer.string(text)
            #expect(String(decoding: raw, as: UTF8.self) == Self.reference(text), "\(Array(text.utf8))")
            #expect(writer.bytes == raw, "\(Array(text.utf8))")
        }
    }

    @Test func growsPastItsInitialCapacityAndKeepsEveryPiece() {
        let long = String(repeating: "\u{01}ab\u{2028}", count: 500)
        let bytes = Array(long.utf8)
        let raw = bytes.withUnsafeBufferPointer { text in
            JSONWriter.RawBuffer.written(initialCapacity: 8) { output in
                output.append("{\"a\":")
                output.appendQuoted(text)
                output.append(UInt8(ascii: ","))
                output.append(Array("\"b\":1".utf8))
                output.append("}")
            }
        }
        #expect(String(decoding: raw, as: UTF8.self) == "{\"a\":" + Self.reference(long) + ",\"b\":1}")
        #expect(JSONWriter.RawBuffer.written(initialCapacity: 0) { _ in }.isEmpty)
    }
}

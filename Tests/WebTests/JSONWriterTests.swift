import Testing
import Web

/// The one JSON writer: structure, escaping in both modes, and agreement with ``JSON/serialized()``.
@Suite struct JSONWriterTests {
    @Test func writesCommasAndColonsItself() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.integer(1)
        writer.key("b")
        writer.beginArray()
        writer.string("x")
        writer.bool(true)
        writer.null()
        writer.beginObject()
        writer.endObject()
        writer.double(1.5)
        writer.endArray()
        writer.key("c")
        writer.string(nil as String?)
        writer.key("d")
        writer.integer(-42 as Int?)
        writer.endObject()
        #expect(writer.text == #"{"a":1,"b":["x",true,null,{},1.5],"c":null,"d":-42}"#)
    }

    @Test func standardModeEscapesControlsQuotesAndLineSeparatorsOnly() {
        var writer = JSONWriter()
        writer.string("a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{1F}<>&/ä€\u{2028}\u{2029}😀")
        #expect(writer.text == #""a\"b\\c\n\r\t\b\f\u0001\u001f<>&/ä€\u2028\u2029😀""#)
    }

    @Test func htmlSafeModeAlsoEscapesAngleBracketsAndAmpersands() throws {
        var writer = JSONWriter(escaping: .htmlSafe)
        writer.beginObject()
        writer.key("</script>")
        writer.string("<!-- a & b --></script>\u{2028}\u{2029}ä")
        writer.endObject()
        let text = writer.text
        #expect(text == #"{"\u003c/script\u003e":"\u003c!-- a \u0026 b --\u003e\u003c/script\u003e\u2028\u2029ä"}"#)
        #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"))
        // The escaped text is still the same JSON value.
        #expect(try JSON.parse(text) == ["</script>": "<!-- a & b --></script>\u{2028}\u{2029}ä"])
    }

    @Test func aWholeValueIsWrittenAsJSONSerializesIt() throws {
        let value: JSON = ["id": "p_1", "n": 3, "list": [1, "two", nil, false, 2.25], "nested": ["k": "<v>"]]
        var writer = JSONWriter()
        writer.value(value)
        #expect(writer.bytes == value.serialized())
        #expect(writer.text == #"{"id":"p_1","n":3,"list":[1,"two",null,false,2.25],"nested":{"k":"<v>"}}"#)
        #expect(String(decoding: value.serialized(escaping: .htmlSafe), as: UTF8.self).contains(#"\u003cv\u003e"#))
    }

    @Test func appendsToAnExistingBufferAndCopiesRawValues() {
        var writer = JSONWriter(appendingTo: Array("head:".utf8))
        writer.beginArray()
        writer.raw("0.50".utf8)
        writer.raw("{}".utf8)
        writer.endArray()
        #expect(writer.text == "head:[0.50,{}]")
    }

    @Test func nonFiniteNumbersBecomeNull() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.double(.infinity)
        writer.double(.nan)
        writer.endArray()
        #expect(writer.text == "[null,null]")
    }
}

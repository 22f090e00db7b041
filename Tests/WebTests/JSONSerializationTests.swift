import Testing

@testable import Web

@Suite struct JSONSerializationTests {
    private func render(_ value: JSON) -> String { String(decoding: value.serialized(), as: UTF8.self) }

    @Test(
        arguments: [
            (JSON.null, "null"), (true, "true"), (false, "false"), (0, "0"), (-7, "-7"), (42, "42"),
            (.int(Int64.max), "9223372036854775807"), (.int(Int64.min), "-9223372036854775808"),
            (1.5, "1.5"), (-0.25, "-0.25"), (1.0, "1.0"), (1e21, "1e+21"), (.double(.nan), "null"),
            (.double(.infinity), "null"), (.double(-.infinity), "null"), ("", "\"\""), ([], "[]"), ([:], "{}"),
        ] as [(JSON, String)])
    func scalars(value: JSON, expected: String) {
        #expect(render(value) == expected)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote\" backslash\\ slash/", #""quote\" backslash\\ slash/""#),
        ("\u{08}\u{0C}\n\r\t", #""\b\f\n\r\t""#),
        ("\u{00}\u{01}\u{1F}\u{7F}", "\"\\u0000\\u0001\\u001f\u{7F}\""),
        ("line\u{2028}para\u{2029}end", #""line\u2028para\u2029end""#),
        ("Müller – € 😀", "\"Müller – € 😀\""),
        ("\u{2027}\u{202A}", "\"\u{2027}\u{202A}\""),
        ("</script>", #""</script>""#),
    ])
    func stringEscaping(value: String, expected: String) {
        #expect(render(.string(value)) == expected)
    }

    @Test func nestedValuesKeepInsertionOrder() {
        let value: JSON = [
            "z": 1, "a": [true, nil, 2.5, "x"], "m": ["inner": [:], "list": []],
        ]
        #expect(render(value) == #"{"z":1,"a":[true,null,2.5,"x"],"m":{"inner":{},"list":[]}}"#)
    }

    @Test func objectMutationKeepsPositions() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = 3
        object["c"] = 4
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(render(.object(object)) == #"{"a":3,"c":4}"#)
        #expect(JSONObject([("x", 1), ("x", 2)]).count == 1)
    }

    @Test func accessors() {
        let value: JSON = ["s": "text", "i": 7, "d": 2.0, "f": 2.5, "b": true, "n": nil, "a": [1, 2]]
        #expect(value["s"]?.stringValue == "text")
        #expect(value["i"]?.intValue == 7)
        #expect(value["d"]?.intValue == 2)
        #expect(value["f"]?.intValue == nil)
        #expect(value["f"]?.doubleValue == 2.5)
        #expect(value["i"]?.doubleValue == 7)
        #expect(value["b"]?.boolValue == true)
        #expect(value["n"]?.isNull == true)
        #expect(value["a"]?[1] == 2)
        #expect(value["a"]?[2] == nil)
        #expect(value["missing"] == nil)
        #expect(value["s"]?["x"] == nil)
        #expect(value["s"]?.intValue == nil)
        #expect(value.objectValue?.count == 7)
        #expect(value["a"]?.arrayValue?.count == 2)
        #expect(JSON(nil as String?) == .null)
        #expect(JSON(5 as Int?) == .int(5))
        let name = "Ada"
        #expect(JSON("Hi \(name)") == .string("Hi Ada"))
    }

    @Test func equalityIgnoresObjectOrderButNotNumberKind() {
        #expect((["a": 1, "b": 2] as JSON) == (["b": 2, "a": 1] as JSON))
        #expect(JSON.int(1) != JSON.double(1))
        #expect((["a": 1] as JSON) != (["a": 1, "b": 2] as JSON))
    }

    @Test(arguments: [
        #"{"a":[1,2.5,-3e-7,"x\n\u00e4",true,false,null],"b":{"c":{}},"d":[]}"#,
        #"[9223372036854775807,-9223372036854775808,1.7976931348623157e+308,5e-324]"#,
        #""\ud83d\ude00 \u2028""#,
        "[0.1,100.0,1e+22,-0.0]",
    ])
    func roundTrips(text: String) throws {
        let parsed = try JSON.parse(text)
        let reparsed = try JSON.parse(parsed.serialized())
        #expect(parsed == reparsed)
        #expect(reparsed.serialized() == parsed.serialized())
    }

    @Test func descriptionIsCompactJSON() {
        #expect((["k": [1, "v"]] as JSON).description == #"{"k":[1,"v"]}"#)
    }
}

import Testing

@testable import Pages

/// ``TemplateObject`` behaves like the `[String: TemplateValue]` it replaced, below and above the size where it
/// looks names up through its index, and the renderer finds a template's names in it.
@Suite struct TemplateObjectTests {
    static func text(_ value: TemplateValue?) -> String? {
        if case .text(let text)? = value { return text }
        return nil
    }

    /// An object and a dictionary given the same assignments and removals, compared member by member after each.
    static func agree(_ object: TemplateObject, _ dictionary: [String: String]) -> Bool {
        guard object.count == dictionary.count, Set(object.keys) == Set(dictionary.keys) else { return false }
        return dictionary.allSatisfy { name, value in
            text(object[name]) == value && text(object.value(named: TemplateName(name))) == value
        }
    }

    @Test(arguments: [3, 15, 16, 17, 40, 300])
    func assignmentsReplacementsAndRemovalsAgreeWithADictionary(members: Int) {
        var object = TemplateObject()
        var dictionary: [String: String] = [:]
        for index in 0..<members {
            object["name_\(index)"] = .text("v\(index)")
            dictionary["name_\(index)"] = "v\(index)"
        }
        #expect(Self.agree(object, dictionary))
        for index in stride(from: 0, to: members, by: 3) {
            object["name_\(index)"] = .text("w\(index)")
            dictionary["name_\(index)"] = "w\(index)"
        }
        #expect(Self.agree(object, dictionary))
        for index in stride(from: 1, to: members, by: 2) {
            object["name_\(index)"] = nil
            dictionary["name_\(index)"] = nil
        }
        #expect(Self.agree(object, dictionary))
        object["missing"] = nil
        #expect(Self.agree(object, dictionary))
        #expect(object["name_1"] == nil && object.value(named: TemplateName("name_1")) == nil)
        #expect(object["Name_0"] == nil && object[""] == nil)
        for index in 0..<members {
            object["again_\(index)"] = .text("a\(index)")
            dictionary["again_\(index)"] = "a\(index)"
        }
        #expect(Self.agree(object, dictionary))
    }

    @Test func literalsMergingAndConversionsKeepTheDictionarysRules() {
        let literal: TemplateObject = ["a": "first", "b": "b", "a": "last"]
        #expect(literal.count == 2 && Self.text(literal["a"]) == "last")
        let value: TemplateValue = ["x": "1", "x": "2"]
        #expect(Self.text(value.members["x"]) == "2")

        let merged = literal.merging(["b": "other", "c": "c"]) { current, _ in current }
        #expect(Self.text(merged["b"]) == "b" && Self.text(merged["c"]) == "c" && merged.count == 3)
        let theirs = literal.merging(["b": "other"]) { _, other in other }
        #expect(Self.text(theirs["b"]) == "other")

        let texts = TemplateObject(texts: ["k": "v", "l": "w"])
        #expect(Self.text(texts["k"]) == "v" && Self.text(texts["l"]) == "w")
        let fromDictionary = TemplateObject(["n": .number(7)])
        if case .number(let number)? = fromDictionary["n"] { #expect(number == 7) } else { Issue.record("n") }
        #expect(Set(fromDictionary.map(\.key)) == ["n"])
        #expect(Set(literal.mapValues { Self.text($0) ?? "" }.values) == ["last", "b"])
    }

    @Test func namesWithTheSameHashAreToldApartByTheirText() {
        // FNV-1a collides on these two (found by search); both must still be found, below and above the index size.
        let (first, second) = Self.collidingPair()
        #expect(TemplateObject.hash(first) == TemplateObject.hash(second))
        for filler in [0, 30] {
            var object = TemplateObject()
            for index in 0..<filler { object["filler_\(index)"] = .flag(true) }
            object[first] = "first"
            object[second] = "second"
            #expect(Self.text(object[first]) == "first" && Self.text(object[second]) == "second")
            object[first] = nil
            #expect(object[first] == nil && Self.text(object[second]) == "second")
        }
    }

    @Test func theRendererFindsNamesInNestedObjectsAndStringsTables() throws {
        var library = TemplateLibrary()
        try library.register(
            "{{t.greeting}} {{#rows}}{{name}}:{{t.greeting}}:{{outer}};{{/rows}}{{#deep}}{{inner.value}}{{/deep}}",
            named: "page")
        var strings: [String: String] = [:]
        for index in 0..<200 { strings["key_\(index)"] = "text \(index)" }
        strings["greeting"] = "Hallo & willkommen"
        let context: TemplateValue = [
            "t": .strings(strings), "outer": "O",
            "rows": .objects([["name": "eins"], ["name": "zwei", "outer": "inner O"]]),
            "deep": ["inner": ["value": "<v>"]],
        ]
        let html = String(decoding: try #require(library.render("page", context: context)), as: UTF8.self)
        #expect(
            html == "Hallo &amp; willkommen eins:Hallo &amp; willkommen:O;zwei:Hallo &amp; willkommen:inner O;&lt;v&gt;"
        )
    }

    /// Two different short names with the same FNV-1a hash.
    static func collidingPair() -> (String, String) {
        var seen: [UInt32: String] = [:]
        let letters = Array("abcdefghijklmnopqrstuvwxyz_0123456789")
        for a in letters {
            for b in letters {
                for c in letters {
                    for d in letters {
                        let name = String([a, b, c, d])
                        let hash = TemplateObject.hash(name)
                        if let other = seen[hash] { return (other, name) }
                        seen[hash] = name
                    }
                }
            }
        }
        preconditionFailure("no collision among four-letter names")
    }
}

/// The word-at-a-time HTML escaper writes what escaping one character at a time writes.
@Suite struct HTMLEscapingTests {
    static func reference(_ text: String) -> String {
        var output = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    @Test func everySpecialCharacterAtEveryPositionAndAroundMultibyteText() {
        let fillers = ["abcdefghijklmnopqrstuvwx", "Grüße, 1 000 € – ok; ÄÖÜ ß", "        ", "%%%%%%%%%%%%%%%%%%%%"]
        for filler in fillers {
            let characters = Array(filler)
            for special in ["&", "<", ">", "\"", "'"] {
                for position in 0...characters.count {
                    var text = characters
                    text.insert(contentsOf: special, at: position)
                    let input = String(text) + special
                    #expect(TemplateLibrary.escaped(input) == Self.reference(input), "\(input)")
                }
            }
            #expect(TemplateLibrary.escaped(filler) == filler)
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab &<>\"'=/;:.,0ä€\u{0}\u{7F}")
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let input = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(TemplateLibrary.escaped(input) == Self.reference(input), "\(input.debugDescription)")
        }
        #expect(TemplateLibrary.escaped("") == "")
    }
}

import Testing

@testable import Settings

/// The one grammar every `CODEZERO_*` key is read with.
@Suite struct SettingsReaderTests {
    @Test(
        arguments: [
            ("35", 35.0), ("35s", 35), (" 35s ", 35), ("1500ms", 1.5), ("0.5s", 0.5), ("2min", 120), ("1h", 3600),
            ("0", 0),
        ] as [(String, Double)])
    func durationsAcceptOneGrammar(text: String, seconds: Double) {
        #expect(SettingsReader.duration(text) == seconds)
    }

    @Test(arguments: ["", "s", "soon", "-1", "1e3", "35 s", "35sec", "nan", "inf", "1.2.3"])
    func durationsRefuseEverythingElse(text: String) {
        #expect(SettingsReader.duration(text) == nil)
    }

    @Test func everyProblemIsCollectedWithItsKey() {
        var reader = SettingsReader(environment: [
            "A": "12", "B": "300", "C": "x", "D": "45s", "E": "2h", "F": "maybe", "G": "  ",
        ])
        #expect(reader.integer("A", default: 1, in: 1...100) == 12)
        #expect(reader.integer("B", default: 1, in: 1...100) == 1)
        #expect(reader.integer("C", default: 7, in: 1...100) == 7)
        #expect(reader.seconds("D", default: 1, in: 0...60) == 45)
        #expect(reader.seconds("E", default: 9, in: 0...3600) == 9)
        #expect(reader.flag("F") == false)
        #expect(reader.integer("G", default: 5, in: 1...9) == 5, "blank means unset")
        #expect(reader.problems.map(\.key) == ["B", "C", "E", "F"])
        #expect(reader.problems[0].description == "B: must be a whole number from 1 to 100, got '300'")
        #expect(reader.problems[2].message.contains("from 0 to 3600 seconds"))
    }

    enum Colour: String, CaseIterable { case red, green }

    @Test func choicesIgnoreCaseAndNameTheirValues() {
        var reader = SettingsReader(environment: ["A": "GREEN", "B": "blue"])
        #expect(reader.choice("A", default: Colour.red) == .green)
        #expect(reader.choice("B", default: Colour.red) == .red)
        #expect(reader.problems == [SettingsProblem(key: "B", message: "must be one of red, green, got 'blue'")])
    }
}

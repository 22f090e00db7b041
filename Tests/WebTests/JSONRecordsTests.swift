import Testing

@testable import Web

/// `JSON.stringRecords`: the one-pass read of `{"events":[{…string members…}]}` gives exactly the strings the general
/// parser gives, and nil (the caller's general path) for every other document.
@Suite struct JSONRecordsTests {
    static let members: [StaticString] = ["id", "metric", "quantity", "occurred_at"]
    static let names = ["id", "metric", "quantity", "occurred_at"]

    static func records(_ text: String, maximumCount: Int = 1_000) -> [String?]? {
        JSON.stringRecords(Array(text.utf8), under: "events", members: members, maximumCount: maximumCount)
    }

    /// What the general parser gives for the same members of the same document.
    static func general(_ text: String) throws -> [String?] {
        let events = try #require(try JSON.parse(text)["events"]?.arrayValue)
        return events.flatMap { event in names.map { event[$0]?.stringValue } }
    }

    @Test(
        arguments: [
            #"{"events":[{"id":"e-1","metric":"minutes","quantity":"1.5","occurred_at":"2026-12-06T10:15:00Z"}]}"#,
            #"{"events":[{"occurred_at":"t","quantity":"2","metric":"m","id":"b"},{"id":"c","quantity":"0"}]}"#,
            " \n{ \"events\" :\t[ { \"id\" : \"x\" , \"metric\" : \"m\" } , {} ] } \r\n",
            #"{"events":[{"id":"a\"b\\c\/d\u00e4\uD83D\uDE00","metric":"Müller €","quantity":"","occurred_at":"\n"}]}"#,
            #"{"events":[{"id":"{}","metric":"NULL","quantity":"-1","occurred_at":"x,y"}]}"#,
        ])
    func theStringsAreTheGeneralParsersStrings(text: String) throws {
        let fast = try #require(Self.records(text))
        #expect(fast == (try Self.general(text)))
    }

    @Test func upToTheMaximumCountOfObjects() throws {
        let three = #"{"events":[{"id":"1"},{"id":"2"},{"id":"3"}]}"#
        #expect(Self.records(three, maximumCount: 3)?.count == 12)
        #expect(Self.records(three, maximumCount: 2) == nil)
    }

    @Test(
        arguments: [
            "", "{}", "[]", #"{"events":[]}"#, #"{"events":{}}"#, #"{"events":[1]}"#, #"{"events":["a"]}"#,
            #"{"events":[null]}"#, #"{"events":[[]]}"#, #"{"events":[{"id":1}]}"#, #"{"events":[{"id":null}]}"#,
            #"{"events":[{"id":{"a":"b"}}]}"#, #"{"events":[{"id":"a","id":"b"}]}"#, #"{"events":[{"other":"a"}]}"#,
            #"{"events":[{"\u0069d":"a"}]}"#, #"{"events":[{"id":"a\u0000b"}]}"#, #"{"events":[{"id":"a"}],"x":1}"#,
            #"{"x":1,"events":[{"id":"a"}]}"#, #"{"events":[{"id":"a"}]} 1"#, #"{"events":[{"id":"a"},]}"#,
            #"{"events":[{"id":"a",}]}"#, #"{"events":[{"id":"a"}"#, #"{"events":[{"id":"a\x"}]}"#,
            "{\"events\":[{\"id\":\"a\u{01}\"}]}", #"{"Events":[{"id":"a"}]}"#, #"{"events":[{"id" "a"}]}"#,
            #"{"events" [{"id":"a"}]}"#, #"{"events":[{"id":"a"} {"id":"b"}]}"#, #"{"events":[{"idx":"a"}]}"#,
            #"{"events":[{"i":"a"}]}"#,
        ])
    func anythingElseIsLeftToTheGeneralParser(text: String) {
        #expect(Self.records(text) == nil)
    }

    @Test func invalidUTF8InAValueIsLeftToTheGeneralParser() {
        var bytes = Array(#"{"events":[{"id":"a"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#""}]}"#.utf8)
        #expect(JSON.stringRecords(bytes, under: "events", members: Self.members, maximumCount: 10) == nil)
        #expect(throws: WebError.self) { try JSON.parse(bytes) }
    }
}

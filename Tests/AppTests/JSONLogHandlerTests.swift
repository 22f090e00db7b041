import Logging
import Testing
import Web

@testable import App

@Suite struct JSONLogHandlerTests {
    @Test func metadataBecomesJson() {
        #expect(JSONLogHandler.json(.string("a")) == .string("a"))
        #expect(
            JSONLogHandler.json(.array([.string("x"), .stringConvertible(5)])) == .array([.string("x"), .string("5")]))
        #expect(JSONLogHandler.json(.dictionary(["b": "2", "a": "1"])) == .object(["a": "1", "b": "2"]))
    }

    @Test func timestampsAreRfc3339UtcWithMilliseconds() {
        let stamp = JSONLogHandler.timestamp()
        #expect(stamp.count == 24)
        #expect(stamp.hasSuffix("Z"))
        #expect(Array(stamp)[10] == "T")
        #expect(Array(stamp)[19] == ".")
    }
}

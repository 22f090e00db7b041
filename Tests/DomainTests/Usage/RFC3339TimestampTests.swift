import Domain
import Testing

/// The one RFC 3339 format writes what it parses.
@Suite struct RFC3339TimestampTests {
    @Test(arguments: [
        (0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (2_000_000_000, "2033-05-18T03:33:20Z"),
    ])
    func wholeSeconds(seconds: Int, text: String) {
        #expect(RFC3339Timestamp.text(seconds: seconds) == text)
        #expect(RFC3339Timestamp.milliseconds(text) == seconds * 1_000)
    }

    @Test func millisecondsForLogs() {
        let text = RFC3339Timestamp.text(milliseconds: 1_733_481_300_250)
        #expect(text == "2024-12-06T10:35:00.250Z")
        #expect(RFC3339Timestamp.milliseconds(text) == 1_733_481_300_250)
        #expect(RFC3339Timestamp.text(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(RFC3339Timestamp.text(milliseconds: 1_733_481_300_250, fraction: false) == "2024-12-06T10:35:00Z")
    }
}

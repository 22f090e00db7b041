import Testing

@testable import App

/// Issue #17: during a database outage every request wrote an error line; now one per interval, with a count.
@Suite struct RepeatedLogLineTests {
    @Test func aLineIsWrittenOncePerIntervalWithTheCountOfTheOmittedOnes() {
        let line = RepeatedLogLine(interval: 10)
        #expect(line.admit(now: 100) == (true, 0))
        var written = 0
        for step in 1...7_490 {
            if line.admit(now: 100 + Double(step) / 1000).write { written += 1 }
        }
        #expect(written == 0)
        #expect(line.admit(now: 110) == (true, 7_490))
        #expect(line.admit(now: 110.5) == (false, 0))
        #expect(line.admit(now: 125) == (true, 1))
    }

    @Test func aClockGoingBackwardsDoesNotSilenceTheLineForever() {
        let line = RepeatedLogLine(interval: 10)
        #expect(line.admit(now: 1_000).write)
        #expect(line.admit(now: 5).write)
    }
}

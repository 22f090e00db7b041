import Testing

@testable import App

/// When the worker reads its CPU time and how a reading is shared (issue #16: no `getrusage` per short request).
@Suite struct CPUTimeSamplingTests {
    @Test func everyRequestIsReadWhenEveryRequestIsLogged() {
        var sampling = CPUTimeSampling(readsEveryRequest: true)
        var readings = 0
        for cpu in [5, 7, 9] as [Int64] {
            #expect(
                sampling.request(durationMicros: 20) {
                    readings += 1; return cpu
                } == cpu)
        }
        #expect(readings == 3)
    }

    @Test func shortRequestsShareOneReadingByTheirWallTime() {
        var sampling = CPUTimeSampling(readsEveryRequest: false)
        var readings = 0
        let perReading = CPUTimeSampling.requestsPerReading
        for _ in 1..<perReading {
            #expect(
                sampling.request(durationMicros: 10) {
                    readings += 1; return 0
                } == 0, "no ratio known yet")
        }
        #expect(readings == 0)
        // The 64th request reads: 640 µs of wall, 320 µs of CPU; this request's share of it is 5 µs.
        #expect(
            sampling.request(durationMicros: 10) {
                readings += 1; return 320
            } == 5)
        #expect(readings == 1)
        // Requests without a reading get the last reading's CPU-to-wall ratio (one half).
        #expect(
            sampling.request(durationMicros: 30) {
                readings += 1; return 0
            } == 15)
        #expect(readings == 1)
    }

    @Test func aLongRequestAlwaysEndsWithAReadingAndAloneIsExact() {
        var sampling = CPUTimeSampling(readsEveryRequest: false)
        var readings = 0
        #expect(
            sampling.request(durationMicros: 1_500) {
                readings += 1; return 1_200
            } == 1_200)
        #expect(readings == 1)
        // After three short ones, a long request shares the reading with them by wall time.
        for _ in 0..<3 {
            _ = sampling.request(durationMicros: 100) {
                readings += 1; return 0
            }
        }
        #expect(readings == 1)
        #expect(
            sampling.request(durationMicros: 2_700) {
                readings += 1; return 1_500
            } == 1_350)
        #expect(readings == 2)
        #expect(sampling.request(durationMicros: -5) { 0 } == 0, "a negative duration counts as none")
    }
}

import OpenMetrics
import Testing

@Suite struct OpenMetricsWriterTests {
    @Test func familiesSamplesAndTheEndAreWrittenInOrder() {
        var metrics = OpenMetricsWriter()
        metrics.family("cz_requests", .counter, help: "Requests served.")
        metrics.sample("cz_requests_total", ["route": "/a", "status": "200"], 3)
        metrics.single("cz_restarts", .counter, help: "Workers replaced.", 2)
        metrics.single("cz_idle", .gauge, help: "Idle workers.", 1)
        metrics.family("cz_latency_seconds", .histogram, help: "Latency.", unit: "seconds")
        metrics.sample("cz_latency_seconds_sum", 0.25)
        metrics.end()
        #expect(
            metrics.text == """
                # HELP cz_requests Requests served.
                # TYPE cz_requests counter
                cz_requests_total{route="/a",status="200"} 3
                # HELP cz_restarts Workers replaced.
                # TYPE cz_restarts counter
                cz_restarts_total 2
                # HELP cz_idle Idle workers.
                # TYPE cz_idle gauge
                cz_idle 1
                # HELP cz_latency_seconds Latency.
                # TYPE cz_latency_seconds histogram
                # UNIT cz_latency_seconds seconds
                cz_latency_seconds_sum 0.25
                # EOF

                """)
    }

    @Test(arguments: [
        ("plain", "plain"), ("a\"b", "a\\\"b"), ("back\\slash", "back\\\\slash"), ("two\nlines", "two\\nlines"),
        ("cr\rlf", "cr\\nlf"),
    ])
    func labelValuesAreEscaped(value: String, expected: String) {
        var metrics = OpenMetricsWriter()
        metrics.sample("m", labels: [("reply", value)], "1")
        #expect(metrics.text == "m{reply=\"\(expected)\"} 1\n")
        #expect(OpenMetricsWriter.escaped("say \"hi\"\n", quote: false) == "say \"hi\"\\n")
    }
}

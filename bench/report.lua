-- wrk reporter for bench/run.sh: one machine-readable line with throughput, exact percentiles
-- (wrk's own histogram, in microseconds) and the error counts. Non-2xx/3xx answers count as errors.
done = function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors
    io.write(string.format(
        'BENCH {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,' ..
        '"max_ms":%.3f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end

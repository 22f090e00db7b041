#!/usr/bin/env bash
# Worker memory under a long mixed load (issue #16: ≤ 16 MiB private per worker after 1,000,000 mixed requests,
# flat over the second half). Runs bench/mixed.lua (pages cached and uncached, API reads, the quote, a bearer
# request, signed webhooks) against a running stack in steps of BENCH_MEMORY_STEP seconds until
# BENCH_MEMORY_REQUESTS requests were answered, and after each step reads every pool worker's private memory (Private_Clean + Private_Dirty of
# /proc/PID/smaps_rollup). Called by bench/run.sh when BENCH_MEMORY_REQUESTS is set; prints one JSON line.
#
#   bench/memory.sh BASE_URL SERVE_PID   (BENCH_TOKEN, BENCH_BODY, BENCH_REPORT, BENCH_WEBHOOK_SECRET as run.sh
#   exports them)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
base="$1"
serve="$2"
total="${BENCH_MEMORY_REQUESTS:-1000000}"
step="${BENCH_MEMORY_STEP:-20}"

# Private KiB of every child of the pool master, space-separated.
private_kib() {
    local pid
    for pid in $(pgrep -P "$serve"); do
        awk '/^Private_(Clean|Dirty):/ { sum += $2 } END { printf "%d ", sum }' "/proc/$pid/smaps_rollup" 2>/dev/null ||
            true
    done
}

# Signed webhooks are part of the mix when BENCH_WEBHOOK_SECRET is set (run.sh sets it): a fresh batch per step, as
# signatures are only accepted for 300 s; more than the step's share (1 request in 11), so ids rarely repeat.
webhooks=""
if [ -n "${BENCH_WEBHOOK_SECRET:-}" ]; then
    webhooks="$(mktemp /tmp/cz-memory-webhooks.XXXXXX)"
    trap 'rm -f "$webhooks"' EXIT
fi
batch=10000

done_requests=0
failed_requests=0
samples=()
while [ "$done_requests" -lt "$total" ]; do
    if [ -n "$webhooks" ]; then python3 "$here/webhooks.py" "$BENCH_WEBHOOK_SECRET" "$batch" >"$webhooks"; fi
    line="$(BENCH_WEBHOOKS="$webhooks" BENCH_THREADS=2 wrk -t 2 -c 32 -d "${step}s" -s "$here/mixed.lua" "$base/" |
        sed -n 's/^BENCH //p')"
    answered="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["requests"])' "$line")"
    failed="$(python3 -c 'import json, sys; print(sum(json.loads(sys.argv[1])["errors"].values()))' "$line")"
    batch=$((answered / 8 + 2000))
    done_requests=$((done_requests + answered))
    failed_requests=$((failed_requests + failed))
    samples+=("$done_requests:$(private_kib)")
    printf 'bench memory: %d requests (%d failed), private KiB per worker: %s\n' "$done_requests" "$failed_requests" \
        "${samples[-1]#*:}" >&2
done
python3 - "$failed_requests" "${samples[@]}" <<'PY'
import json, sys
failed = int(sys.argv[1])
samples = []
for entry in sys.argv[2:]:
    count, kib = entry.split(":", 1)
    samples.append({"requests": int(count), "private_kib": [int(v) for v in kib.split()]})
last = samples[-1]
half = next(s for s in samples if s["requests"] >= last["requests"] / 2)
worst = max(last["private_kib"] or [0])
growth = worst - max(half["private_kib"] or [0])
print(json.dumps({"requests": last["requests"], "samples": samples, "max_private_kib": worst,
                  "growth_second_half_kib": growth, "failed_requests": failed}))
PY

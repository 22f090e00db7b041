#!/usr/bin/env bash
# Usage ingestion bench (issue #11): POST /api/v1/usage through nginx and TLS, by bearer token.
#
# By default a fresh stack is started like bench/run.sh does (CODEZERO_BIN, default the release build; temporary
# CODEZERO_VAR, free loopback ports, CODEZERO_ENV=development) with the two API write budgets raised for the bench
# only: nginx's per address (CODEZERO_API_WRITE_RATE) and the application's per account
# (CODEZERO_ACCOUNT_WRITE_LIMIT). With their production defaults (600 and 300 a minute) nearly every request of a
# load test is a 429, which measures the limits, not ingestion. BENCH_URL (+ CODEZERO_VAR of that stack) measures
# a running stack instead; its limits must then be raised the same way.
#
# Cases at BENCH_CONNECTIONS (64): single events, each its own request and transaction, next to pgbench's
# single-row insert rate with one session per pool worker (BENCH_ROUNDS interleaved rounds of both, fresh events in
# each, the medians compared: either rate alone swings by 10-20 % from one run to the next on this machine); batches of 100 events → new events/s (counted in the
# database); the batches the first pass stored sent again (a replay: every answer 202 with accepted 0, and the
# stored event count unchanged; its answers are read one by one, anything but 202 is an error). The first two cases
# do not read answers (the load generator's CPU is the server's loss on this machine, bench/usage.lua): any non-2xx
# answer is an error, and the database's count proves that every single-event answer stored its event. Each case also
# prints the CPU that PostgreSQL, the pool's workers, the jobs process, nginx and the client spent (bench/cpu_split.py).
# A fourth case sends fresh batches of 100 at the budget's rate (BENCH_PACED_RATE batches a second, 500 = 50,000
# events/s) over the same connections (bench/usage.lua's BENCH_RATE): the latency at that load. The saturated cases
# cannot show it: with 64 requests always in flight their mean latency is 64 ÷ throughput, so a p99 under 50 ms
# there needs over 1,280 batches a second, whatever the budget's rate.
# Budgets: single ≥ 50 % of pgbench, batches ≥ 50,000 events/s, p99 < 50 ms (single events at saturation; batches
# at 50,000 events/s: the paced case, which must also reach its rate), replay counts nothing.
# Settings: BENCH_DURATION (5s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_COMPANIES (16),
# BENCH_PACED_RATE (500), BENCH_ROUNDS (3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
duration="${BENCH_DURATION:-5s}"
connections="${BENCH_CONNECTIONS:-64}"
threads="${BENCH_THREADS:-2}"
companies="${BENCH_COMPANIES:-16}"
paced_rate="${BENCH_PACED_RATE:-500}"
rounds="${BENCH_ROUNDS:-3}"
binary="${CODEZERO_BIN:-$root/.build/release/codezero}"
[ -x "$binary" ] || { echo "usage bench: $binary missing (make release, or set CODEZERO_BIN)" >&2; exit 1; }
export CODEZERO_ENV="${CODEZERO_ENV:-development}"
log() { printf 'usage bench: %s\n' "$*" >&2; }
work="$(mktemp -d /tmp/cz-usage-bench.XXXXXX)"
stack_pid=""
stack_var=""
cleanup() {
    if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
        log "stopping the stack"
        kill -TERM "$stack_pid" 2>/dev/null || true
        wait "$stack_pid" 2>/dev/null || true
    fi
    [ -z "$stack_var" ] || rm -rf "$stack_var" "$stack_var.log"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -n "${BENCH_URL:-}" ]; then
    base="${BENCH_URL%/}"
    var="${CODEZERO_VAR:?set CODEZERO_VAR to the state directory of the stack at BENCH_URL}"
else
    stack_var="$(mktemp -d /tmp/cz-usage-stack.XXXXXX)"
    chmod 0755 "$stack_var"
    https_port="$(free_port)"
    http_port="$(free_port)"
    log "starting the stack in $stack_var (https $https_port)"
    env -u DATABASE_URL CODEZERO_VAR="$stack_var" CODEZERO_HTTPS_PORT="$https_port" CODEZERO_HTTP_PORT="$http_port" \
        CODEZERO_BIND=127.0.0.1 CODEZERO_PUBLIC_URL="https://localhost:$https_port" CODEZERO_BIN="$binary" \
        CODEZERO_API_WRITE_RATE=6000000 CODEZERO_ACCOUNT_WRITE_LIMIT=6000000 \
        "$root/scripts/stack.sh" run >"$stack_var.log" 2>&1 </dev/null &
    stack_pid=$!
    for _ in $(seq 1 900); do
        grep -q 'codezero: ready at ' "$stack_var.log" && break
        kill -0 "$stack_pid" 2>/dev/null || { cat "$stack_var.log" >&2; log "the stack did not start"; exit 1; }
        sleep 0.2
    done
    grep -q 'codezero: ready at ' "$stack_var.log" || { log "the stack was not ready within 180s"; exit 1; }
    base="https://127.0.0.1:$https_port"
    var="$stack_var"
fi
case "$base" in
    https://127.* | https://localhost* | http://127.* | http://localhost*) ;;
    *) echo "usage bench: refusing to load anything but loopback: $base" >&2; exit 1 ;;
esac
url="$(CODEZERO_VAR="$var" "$binary" db url)"

# One company and bearer token per BENCH_COMPANIES, registered through the API.
python3 - "$base" "$companies" >"$work/tokens" <<'PY'
import http.cookiejar, json, ssl, sys, time, urllib.request
base, count = sys.argv[1], int(sys.argv[2])
context = ssl._create_unverified_context()
stamp = int(time.time())
for index in range(count):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context),
                                         urllib.request.HTTPCookieProcessor(jar))
    def post(path, body, headers={}):
        request = urllib.request.Request(base + path, json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", **headers})
        return json.load(opener.open(request))
    for attempt in range(30):
        try:
            session = post("/api/v1/auth/register", {"email": f"bench-{stamp}-{index}@example.com",
                           "password": "bench usage passphrase", "company_name": f"Bench {index}", "country": "DE"})
            break
        except urllib.error.HTTPError as error:
            if error.code != 429: raise
            time.sleep(2)
    token = post("/api/v1/auth/tokens", {"name": "bench"}, {"X-CSRF-Token": session["csrf_token"]})["token"]
    print(token)
PY
stored() { psql "$url" -Atqc 'SELECT count(*) FROM usage_events'; }
# The count once requests still in flight when wrk stopped have committed (unchanged over half a second).
settled() {
    local previous current
    current="$(stored)"
    while :; do
        sleep 0.5
        previous="$current"
        current="$(stored)"
        [ "$current" = "$previous" ] && break
    done
    echo "$current"
}
run_case() { # name file [read answers: 1] [rate] → the BENCH line and the ACCEPTED line (stderr: the CPU each process group spent)
    BENCH_USAGE="$2" BENCH_THREADS="$threads" BENCH_REPORT_FILE="$work/report.lua" BENCH_READ_ANSWERS="${3:-0}" \
        BENCH_RATE="${4:-}" \
        python3 "$here/cpu_split.py" --per "$1" wrk -t "$threads" -c "$connections" -d "$duration" --latency -s "$here/usage.lua" "$base/api/v1/usage"
}
# report.lua defines done(); wrap it as a function usage.lua can call.
{ echo 'local done'; cat "$here/report.lua"; echo 'return done'; } >"$work/report.lua"

log "generating events"
# Fresh single events for every round: 8,000 a second of the duration (twice this machine's rate) + 20,000.
single_lines="$(python3 -c "import sys; print(int(8000 * float(sys.argv[1].rstrip('s'))) + 20000)" "$duration")"
for round in $(seq 1 "$rounds"); do
    python3 "$here/usage_batches.py" "$work/tokens" "single$round" "$single_lines" >"$work/single$round"
done
python3 "$here/usage_batches.py" "$work/tokens" batch 8000 >"$work/batch"
# Enough fresh batches for the paced case (its rate over the duration, twice over).
python3 "$here/usage_batches.py" "$work/tokens" paced "$(python3 -c "import sys; print(int(2 * float(sys.argv[1]) * float(sys.argv[2].rstrip('s'))) + 100)" "$paced_rate" "$duration")" >"$work/paced"

pgbench="$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)"
psql "$url" -qc 'CREATE TABLE IF NOT EXISTS bench_inserts (id bigserial PRIMARY KEY, payload jsonb NOT NULL)' >/dev/null
echo "INSERT INTO bench_inserts (payload) VALUES ('{\"id\":\"u1\",\"metric\":\"assistant_minutes\"}');" >"$work/pgbench.sql"
sessions="${CODEZERO_WORKERS:-4}"
for round in $(seq 1 "$rounds"); do
    log "single events, round $round of $rounds: wrk -t$threads -c$connections -d$duration, then pgbench"
    settled >"$work/single$round.before"
    run_case single "$work/single$round" >"$work/single$round.out"
    settled >"$work/single$round.after"
    python3 "$here/cpu_split.py" --per pgbench --quiet "$pgbench" -n -c "$sessions" -j "$threads" -T "${duration%s}" \
        -f "$work/pgbench.sql" "$url" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -n 1 >"$work/pgbench$round"
done
psql "$url" -qc 'DROP TABLE bench_inserts' >/dev/null || true
log "batches of 100"
before="$(settled)"
batch="$(run_case batch "$work/batch")"
after_batches="$(settled)"
log "replay of the batches the first pass stored"
# Exactly the batches that are stored (a batch is all or nothing): event ids are batch-<stamp>-<line>-<n>, so the
# stored ids name the lines; lines answered with an error in the first pass are not in the replay.
psql "$url" -Atqc "SELECT DISTINCT split_part(event_id, '-', 3)::int + 1 FROM usage_events
    WHERE event_id LIKE 'batch-%' ORDER BY 1" >"$work/stored-lines"
awk 'NR == FNR { keep[$1] = 1; next } keep[FNR]' "$work/stored-lines" "$work/batch" >"$work/replay"
replayed_batches="$(wc -l <"$work/replay")"
replay="$(run_case replay "$work/replay" 1)"
after_replay="$(settled)"
log "batches of 100 at $paced_rate a second"
paced="$(run_case paced "$work/paced" 0 "$paced_rate")"
after_paced="$(settled)"

python3 - "$work" "$rounds" "$batch" "$replay" "$before" "$after_batches" "$after_replay" "$replayed_batches" \
    "$connections" "$sessions" "$paced" "$after_paced" "$paced_rate" <<'PY'
import json, sys
def parse(text):
    bench = json.loads(text.split("BENCH ", 1)[1].splitlines()[0])
    bench["accepted"] = json.loads(text.split("ACCEPTED ", 1)[1].splitlines()[0])
    return bench
work, rounds = sys.argv[1], int(sys.argv[2])
batch, replay = (parse(t) for t in sys.argv[3:5])
before, after_batches, after_replay, replayed, connections, sessions = (int(v) for v in sys.argv[5:11])
paced, after_paced, paced_rate = parse(sys.argv[11]), int(sys.argv[12]), float(sys.argv[13])
paced_events_per_second = (after_paced - after_replay) / paced["seconds"]
def read(name):
    return open(f"{work}/{name}").read()
singles = [parse(read(f"single{r}.out")) for r in range(1, rounds + 1)]
# Every single-event request that wrk counted stored its one new event (requests still in flight when wrk stopped
# may have stored theirs too, so at least as many), in every round.
stored = [int(read(f"single{r}.after")) - int(read(f"single{r}.before")) for r in range(1, rounds + 1)]
pgbenches = [float(read(f"pgbench{r}").strip() or 0) for r in range(1, rounds + 1)]
def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
single_rps, pgbench = median([s["rps"] for s in singles]), median(pgbenches)
single_p99 = median([s["p99_ms"] for s in singles])
events_per_second = (after_batches - before) / batch["seconds"]
def statuses(case):
    return ", ".join(f"{code}: {count}" for code, count in case["accepted"]["status"].items() if count)
print(f"{connections} connections; answers by status: single ({', '.join(statuses(s) for s in singles)}), "
      f"batches ({statuses(batch)}), replay ({statuses(replay)}), paced ({statuses(paced)})")
for index, (case, tps) in enumerate(zip(singles, pgbenches)):
    print(f"single events, round {index + 1}: {case['rps']:.0f} req/s ({case['requests']} answers, {stored[index]} "
          f"events stored), p50 {case['p50_ms']:.1f} ms, p99 {case['p99_ms']:.1f} ms; pgbench {tps:.0f} tps")
print(f"single events, median of {rounds}: {single_rps:.0f} req/s, p99 {single_p99:.1f} ms; pgbench single-row insert "
      f"with {sessions} sessions {pgbench:.0f} tps → {single_rps / pgbench:.1%}" if pgbench else "pgbench missing")
print(f"batches of 100 at saturation: {batch['rps']:.0f} req/s = {events_per_second:.0f} new events/s, p99 {batch['p99_ms']:.1f} ms")
print(f"batches of 100 offered at {paced_rate:.0f} a second ({paced_rate * 100:.0f} events/s): {paced['rps']:.0f} req/s = "
      f"{paced_events_per_second:.0f} new events/s, p50 {paced['p50_ms']:.1f} ms, p99 {paced['p99_ms']:.1f} ms")
print(f"replay of the {replayed} stored batches: {replay['rps']:.0f} req/s, answers that accepted anything: "
      f"{replay['accepted']['answers']}, stored events {after_batches} → {after_replay}")
checks = [("single >= 50% of pgbench (medians)", pgbench and single_rps / pgbench >= 0.5),
          ("batches >= 50,000 events/s", events_per_second >= 50_000),
          ("p99 < 50 ms (single, median)", single_p99 < 50),
          (f"batches at {paced_rate * 100:.0f} events/s: rate reached (98 %) and stored",
           paced["rps"] >= 0.98 * paced_rate and paced_events_per_second >= 0.98 * paced_rate * 100),
          (f"p99 < 50 ms (batches at {paced_rate * 100:.0f} events/s)", paced["p99_ms"] < 50),
          ("replay counts nothing", replayed > 0 and replay["accepted"]["answers"] == 0
           and after_replay == after_batches),
          ("every single-event answer stored its event", all(n >= case["requests"] for n, case in zip(stored, singles))),
          ("every answer 2xx (the replay's 202), no errors", all(sum(r["errors"].values()) == 0 and all(
              count == 0 for code, count in r["accepted"]["status"].items() if code not in ("202", "2xx or 3xx"))
              for r in (*singles, batch, replay, paced)))]
for name, ok in checks:
    print(f"  {'met ' if ok else 'MISSED'} {name}")
PY

#!/usr/bin/env bash
# Usage ingestion bench (issue #11): POST /api/v1/usage through nginx and TLS against a RUNNING stack
# (BENCH_URL, e.g. https://127.0.0.1:8443 from `make run`; CODEZERO_VAR of that stack for the database URL).
#
# Cases at BENCH_CONNECTIONS (64): single events, each its own request and transaction, next to pgbench's
# single-row insert rate with one session per pool worker; batches of 100 events → events/s; the same batches
# again (a replay: every answer must say accepted 0, and the stored event count must not change).
# Budgets: single ≥ 50 % of pgbench, batches ≥ 50,000 events/s, p99 < 50 ms, replay counts nothing.
# Settings: BENCH_DURATION (5s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_COMPANIES (16).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
duration="${BENCH_DURATION:-5s}"
connections="${BENCH_CONNECTIONS:-64}"
threads="${BENCH_THREADS:-2}"
companies="${BENCH_COMPANIES:-16}"
base="${BENCH_URL:?set BENCH_URL to a running stack, e.g. https://127.0.0.1:8443}"
var="${CODEZERO_VAR:?set CODEZERO_VAR to that stack's state directory}"
case "$base" in
    https://127.* | https://localhost* | http://127.* | http://localhost*) ;;
    *) echo "usage bench: refusing to load anything but loopback: $base" >&2; exit 1 ;;
esac
log() { printf 'usage bench: %s\n' "$*" >&2; }
work="$(mktemp -d /tmp/cz-usage-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
url="$(CODEZERO_VAR="$var" "${CODEZERO_BIN:-$root/.build/release/codezero}" db url)"

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
run_case() { # name file → the BENCH line and the ACCEPTED line
    BENCH_USAGE="$2" BENCH_THREADS="$threads" BENCH_REPORT_FILE="$work/report.lua" \
        wrk -t "$threads" -c "$connections" -d "$duration" --latency -s "$here/usage.lua" "$base/api/v1/usage"
}
# report.lua defines done(); wrap it as a function usage.lua can call.
{ echo 'local done'; cat "$here/report.lua"; echo 'return done'; } >"$work/report.lua"

log "generating events"
python3 "$here/usage_batches.py" "$work/tokens" single 400000 >"$work/single"
python3 "$here/usage_batches.py" "$work/tokens" batch 8000 >"$work/batch"

log "single events: wrk -t$threads -c$connections -d$duration"
single="$(run_case single "$work/single")"
log "batches of 100"
before="$(stored)"
batch="$(run_case batch "$work/batch")"
after_batches="$(stored)"
log "replay of the same batches"
# Only batches the first pass certainly sent (wrk's threads interleave over the file).
head -n "$(( (after_batches - before) / 100 * 9 / 10 ))" "$work/batch" >"$work/replay"
replay="$(run_case replay "$work/replay")"
after_replay="$(stored)"

pgbench="$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)"
psql "$url" -qc 'CREATE TABLE IF NOT EXISTS bench_inserts (id bigserial PRIMARY KEY, payload jsonb NOT NULL)' >/dev/null
echo "INSERT INTO bench_inserts (payload) VALUES ('{\"id\":\"u1\",\"metric\":\"assistant_minutes\"}');" >"$work/pgbench.sql"
sessions="${CODEZERO_WORKERS:-4}"
pgbench_tps="$("$pgbench" -n -c "$sessions" -j "$threads" -T "${duration%s}" -f "$work/pgbench.sql" "$url" 2>/dev/null |
    sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -n 1)"
psql "$url" -qc 'DROP TABLE bench_inserts' >/dev/null || true

python3 - "$single" "$batch" "$replay" "$pgbench_tps" "$before" "$after_batches" "$after_replay" <<'PY'
import json, sys
def parse(text):
    bench = json.loads(text.split("BENCH ", 1)[1].splitlines()[0])
    bench["accepted"] = json.loads(text.split("ACCEPTED ", 1)[1].splitlines()[0])
    return bench
single, batch, replay = (parse(t) for t in sys.argv[1:4])
pgbench, before, after_batches, after_replay = float(sys.argv[4] or 0), *(int(v) for v in sys.argv[5:8])
events_per_second = (after_batches - before) / batch["seconds"]
print(f"single events: {single['rps']:.0f} req/s, p99 {single['p99_ms']:.1f} ms; pgbench {pgbench:.0f} tps "
      f"→ {single['rps'] / pgbench:.1%}" if pgbench else "pgbench missing")
print(f"batches of 100: {batch['rps']:.0f} req/s = {events_per_second:.0f} new events/s, p99 {batch['p99_ms']:.1f} ms")
print(f"replay: {replay['rps']:.0f} req/s, answers that accepted anything: {replay['accepted']['answers']}, "
      f"stored events {after_batches} → {after_replay}")
checks = [("single >= 50% of pgbench", pgbench and single["rps"] / pgbench >= 0.5),
          ("batches >= 50,000 events/s", events_per_second >= 50_000),
          ("p99 < 50 ms (single)", single["p99_ms"] < 50), ("p99 < 50 ms (batches)", batch["p99_ms"] < 50),
          ("replay counts nothing", replay["accepted"]["answers"] == 0 and after_replay == after_batches),
          ("no errors", all(sum(r["errors"].values()) == 0 for r in (single, batch, replay)))]
for name, ok in checks:
    print(f"  {'met ' if ok else 'MISSED'} {name}")
PY

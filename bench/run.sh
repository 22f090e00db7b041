#!/usr/bin/env bash
# make bench: wrk against the real stack, through nginx and TLS, on loopback only.
#
# Cases (DESIGN §8, issue #16): nginx serving a static file; a public page from nginx's page cache; the FastCGI
# path's limit — a 10-line C libfcgi responder (bench/peers/hello.c, as many processes as the pool has workers)
# behind the same nginx — next to /healthz through the pool (no database); GET /api/v1/billing/products (catalog
# in worker memory); an uncached configurator render; the portal's account page with a session cookie (the bench
# company's, from its registration; uncached like every portal page); GET /api/v1/billing/purchases with a bearer token (two
# queries) and the quote API (JSON in and out), each also served by the peers in bench/peers/ — PHP-FPM and
# FastAPI + asyncpg with the same SQL on the same PostgreSQL behind the same nginx; webhook ingestion
# (pre-signed Stripe events, each stored once and queued in one transaction) next to pgbench's single-row insert
# rate at the same concurrency on the same database; /healthz again while the pool master reloads every second
# (SIGHUP/SIGUSR2: zero failed requests expected); the RSS of every pool worker.
#
# The machine may be shared, so every goal is a RATIO of two cases of the same run: the cases run in
# BENCH_ROUNDS interleaved rounds (round 1 runs every case, then round 2 ...), and each case reports the median
# of its rounds (req/s; the p99 of the median round).
#
# By default a fresh stack is started (release build, temporary CODEZERO_VAR, free ports) and
# stopped afterwards. BENCH_URL=https://127.0.0.1:8443 measures an already running stack instead (no peers).
# Settings: BENCH_DURATION (10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_WARMUP (2s), BENCH_ROUNDS (3),
# BENCH_CASES (a space-separated subset of the case names below; all by default), BENCH_PEERS (1; 0 = none).
# Results: stdout, and $CODEZERO_VAR/bench/<timestamp>.{txt,json} (CODEZERO_VAR defaults to ./var).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-64}"
threads="${BENCH_THREADS:-2}"
warmup="${BENCH_WARMUP:-2s}"
rounds="${BENCH_ROUNDS:-3}"
# As the stack runs it (scripts/lib.sh); `codezero db url` below needs the same.
export CODEZERO_ENV="${CODEZERO_ENV:-development}"
peers="${BENCH_PEERS:-1}"
results_root="${CODEZERO_VAR:-./var}"
mkdir -p "$results_root/bench"
results_dir="$(cd "$results_root/bench" && pwd -P)"

log() { printf 'bench: %s\n' "$*" >&2; }
command -v wrk >/dev/null 2>&1 || {
    log "wrk is not installed; run 'make deps'"
    exit 1
}

stack_pid=""
stack_var=""
stop_stack() {
    if [ -n "$stack_var" ]; then
        "$here/peers/peers.sh" stop "$stack_var" || true
    fi
    if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
        log "stopping the stack"
        kill -TERM "$stack_pid" 2>/dev/null || true
        wait "$stack_pid" 2>/dev/null || true
    fi
    if [ -n "$stack_var" ]; then
        rm -rf "$stack_var" "$stack_var.log"
    fi
}
trap stop_stack EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -n "${BENCH_URL:-}" ]; then
    base="${BENCH_URL%/}"
    var="${CODEZERO_VAR:-}"
    peers=0
else
    stack_var="$(mktemp -d /tmp/cz-bench.XXXXXX)"
    chmod 0755 "$stack_var"
    https_port="$(free_port)"
    http_port="$(free_port)"
    log "starting the stack in $stack_var (https $https_port)"
    env -u DATABASE_URL CODEZERO_VAR="$stack_var" CODEZERO_HTTPS_PORT="$https_port" CODEZERO_HTTP_PORT="$http_port" \
        CODEZERO_BIND=127.0.0.1 CODEZERO_PUBLIC_URL="https://localhost:$https_port" \
        "$root/scripts/stack.sh" run >"$stack_var.log" 2>&1 </dev/null &
    stack_pid=$!
    for _ in $(seq 1 900); do
        grep -q 'codezero: ready at ' "$stack_var.log" && break
        kill -0 "$stack_pid" 2>/dev/null || {
            cat "$stack_var.log" >&2
            log "the stack did not start"
            exit 1
        }
        sleep 0.2
    done
    grep -q 'codezero: ready at ' "$stack_var.log" || {
        cat "$stack_var.log" >&2
        log "the stack was not ready within 180s"
        exit 1
    }
    base="https://127.0.0.1:$https_port"
    var="$stack_var"
fi
case "$base" in
    https://127.* | https://localhost* | https://\[::1\]* | http://127.* | http://localhost* | http://\[::1\]*) ;;
    *)
        log "refusing to load anything but loopback: $base"
        exit 1
        ;;
esac

static_file="$(cd "$root/public" && find assets -type f -name '*.css' | LC_ALL=C sort | head -n 1)"
[ -n "$static_file" ] || {
    log "no stylesheet under public/assets to serve"
    exit 1
}
# The cached page's reference (issue #16 goal 4): the same bytes as /en/, served by nginx as a static file with the
# same security headers and access log (under /assets/, the static location).
if [ -n "$var" ] && [ -d "$var/public/assets" ]; then
    curl -skf -o "$var/public/assets/bench-page.html" "$base/en/" || {
        log "could not fetch $base/en/ for the static copy"
        exit 1
    }
fi
quote_body='{"package":"assistant_starter","addons":[{"id":"extra_users","quantity":2}],"country":"DE"}'
database_url=""
if [ -n "$var" ]; then
    database_url="$(CODEZERO_VAR="$var" "${CODEZERO_BIN:-$root/.build/release/codezero}" db url 2>/dev/null || true)"
fi
# name|path|description|kind|group (the case a ratio is taken against)
cases=(
    "static|/$static_file|nginx serving a static file||"
    "static_page|/assets/bench-page.html|nginx serving the cached page's bytes as a static file||"
    "cached|/en/|a public page from nginx's page cache||static_page"
    "c_hello|/bench/c/healthz|the C libfcgi responder (the FastCGI path's limit)|peer|"
    "healthz|/healthz|/healthz through the pool||c_hello"
    "products|/api/v1/billing/products|database read through the pool||static"
    "configurator|/de/konfigurator?package=assistant_starter&qty_extra_users=2&country=DE|uncached configurator render||static"
    "portal|/de/konto|portal account page with a session (uncached)|session|static"
    "purchases|/api/v1/billing/purchases|bearer token + purchases list through the pool|bearer|static"
    "php_purchases|/bench/php/api/v1/billing/purchases|the same through PHP-FPM|peer-bearer|"
    "fastapi_purchases|/bench/fastapi/api/v1/billing/purchases|the same through FastAPI + asyncpg|peer-bearer|"
    "quote|/api/v1/pricing/quote|the quote API (POST JSON) through the pool|post|static"
    "php_quote|/bench/php/api/v1/pricing/quote|the same through PHP-FPM|peer-post|"
    "fastapi_quote|/bench/fastapi/api/v1/pricing/quote|the same through FastAPI + asyncpg|peer-post|"
    "webhook|/api/v1/billing/webhook|webhook ingestion (signed, stored once, queued)|webhook|"
)
selected=()
for entry in "${cases[@]}"; do
    IFS='|' read -r name _ _ kind _ <<<"$entry"
    if [ "$peers" != 1 ] && [[ "$kind" == peer* ]]; then continue; fi
    if [ -n "${BENCH_CASES:-}" ] && [[ " $BENCH_CASES " != *" $name "* ]]; then continue; fi
    selected+=("$entry")
done
selected_names=" "
for entry in "${selected[@]}"; do selected_names="$selected_names${entry%%|*} "; done
wants() { [[ "$selected_names" == *" $1 "* ]]; }

# The bearer token (and 20 purchases) of a company registered for the run; the peers, behind the same nginx.
bench_token=""
bench_cookie=""
if [ -n "$database_url" ]; then
    seeded="$(python3 "$here/peers/seed.py" "$base" "$database_url")"
    bench_token="$(sed -n 1p <<<"$seeded")"
    bench_cookie="$(sed -n 2p <<<"$seeded")"
fi
if [ "$peers" = 1 ]; then
    [ -n "$database_url" ] || {
        log "no database URL for the peers"
        exit 1
    }
    log "starting the C responder, PHP-FPM and FastAPI (${CODEZERO_WORKERS:-4} processes each)"
    "$here/peers/peers.sh" start "$var" "$database_url" "${CODEZERO_WORKERS:-4}"
fi

# Pre-signed webhook events, each id unique, for the whole run (warm-up included).
webhooks="$results_dir/.webhooks.$$"
secret_file="${var:+$var/stripe-webhook-secret}"
[ -n "$secret_file" ] && [ -s "$secret_file" ] || {
    log "no webhook secret at $secret_file (BENCH_URL runs need CODEZERO_VAR of that stack)"
    exit 1
}
# Signed anew right before every webhook case: a signature older than Stripe's 300 s tolerance is refused (400), and
# the quiet-database waits put minutes between the rounds; fresh event ids also keep later rounds from being replays.
sign_webhooks() {
    python3 "$here/webhooks.py" "$(cat "$secret_file")" 150000 >"$webhooks"
}
trap 'rm -f "$webhooks"; stop_stack' EXIT

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
json="$results_dir/$stamp.json"
text="$results_dir/$stamp.txt"
export BENCH_BODY="$quote_body" BENCH_REPORT="$here/report.lua" BENCH_WEBHOOKS="$webhooks" BENCH_THREADS="$threads"
export BENCH_TOKEN="$bench_token" BENCH_COOKIE="$bench_cookie"
for entry in "${selected[@]}"; do
    IFS='|' read -r name path description kind _ <<<"$entry"
    check=()
    case "$kind" in
        post | peer-post) check=(-X POST -H 'Content-Type: application/json' --data "$quote_body") ;;
        bearer | peer-bearer) check=(-H "Authorization: Bearer $bench_token") ;;
        session) check=(-H "Cookie: $bench_cookie") ;;
    esac
    if [ "$kind" != webhook ]; then
        status="$(curl -sk -o /dev/null -w '%{http_code}' "${check[@]}" "$base$path")"
        if [ "$status" != 200 ]; then
            log "$base$path answers $status, not 200"
            [ -z "$var" ] || tail -n 30 "$var/log/nginx-error.log" "$var"/bench-peers/*.log >&2 2>/dev/null || true
            exit 1
        fi
    fi
done
# pgbench: single-row inserts (synchronous commit) at the same concurrency (one session per pool worker) on the
# stack's own database, run right after the webhook case in every round, so both see the same machine.
pgbench_sql=""
pgbench_rounds=()
if [ -n "$database_url" ] && wants webhook; then
    pgbench="$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$pgbench" ]; then
        psql "$database_url" -qc 'CREATE TABLE IF NOT EXISTS bench_inserts (id bigserial PRIMARY KEY, payload jsonb NOT NULL)' >/dev/null
        pgbench_sql="$results_dir/.pgbench.$$.sql"
        printf '%s\n' "INSERT INTO bench_inserts (payload) VALUES ('{\"id\":\"evt_bench\",\"type\":\"payment_intent.created\"}');" \
            >"$pgbench_sql"
    fi
fi
# The webhook case and its reference both start on a quiet database. Each webhook stores an event and queues a job
# that the jobs process then works off (a few more commits per event), well after wrk stopped; a reference taken
# while that backlog, autovacuum of the filled tables or a checkpoint of their WAL runs measures those, not inserts
# (one loaded run gave 1,457 tps right after the webhook case and 14,318 tps minutes later). So before each of the
# two: wait until the jobs process has drained the queue (at most 180 s; said if not), VACUUM the tables the case
# fills and CHECKPOINT, so the background work of one case never lands in the other's seconds.
quiesce_database() {
    local drained=0
    for _ in $(seq 1 360); do
        # Stored events still waiting for their job (sql/0180) count as queued work too.
        if [ "$(psql "$database_url" -Atc "SELECT (SELECT count(*) FROM jobs WHERE state IN ('queued', 'running') AND run_at <= now())
                + (SELECT count(*) FROM stripe_events WHERE NOT job_queued)")" = 0 ]; then
            drained=1
            break
        fi
        sleep 0.5
    done
    [ "$drained" = 1 ] || log "the jobs queue did not drain within 180 s; measuring anyway"
    psql "$database_url" -qc 'VACUUM (ANALYZE) jobs, stripe_events, bench_inserts' -c 'CHECKPOINT' >/dev/null 2>&1 ||
        log "could not VACUUM/CHECKPOINT before the measurement"
}
run_pgbench() {
    local sessions="${CODEZERO_WORKERS:-4}" tps
    quiesce_database
    log "pgbench: $sessions clients (one per pool worker), single-row inserts, $duration"
    tps="$("$pgbench" -n -c "$sessions" -j "$threads" -T "${duration%s}" -f "$pgbench_sql" "$database_url" 2>/dev/null |
        sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -n 1)"
    if [ -n "$tps" ]; then pgbench_rounds+=("$tps"); fi
    # pgbench's rows leave autovacuum and a checkpoint due: done now, not in the next round's first cases (the
    # uncached configurator's median round, the third, once showed a p99 of 62.5 ms; ~20 ms on a quiet database).
    quiesce_database
}
for round in $(seq 1 "$rounds"); do
    for entry in "${selected[@]}"; do
        IFS='|' read -r name path description kind _ <<<"$entry"
        script="$here/report.lua"
        case "$kind" in
            post | peer-post) script="$here/post.lua" ;;
            bearer | peer-bearer) script="$here/bearer.lua" ;;
            session) script="$here/session.lua" ;;
            webhook) script="$here/webhook.lua" ;;
        esac
        if [ "$name" = webhook ] && [ -n "$pgbench_sql" ]; then quiesce_database; fi
        if [ "$name" = webhook ]; then sign_webhooks; fi
        if [ "$round" = 1 ]; then
            wrk -t "$threads" -c "$connections" -d "$warmup" -s "$script" "$base$path" >/dev/null
        fi
        log "round $round/$rounds, $description: wrk -t$threads -c$connections -d$duration $base$path"
        line="$(wrk -t "$threads" -c "$connections" -d "$duration" --latency -s "$script" "$base$path" |
            sed -n 's/^BENCH //p')"
        [ -n "$line" ] || {
            log "wrk printed no result for $name"
            exit 1
        }
        echo "$line" >"$results_dir/.$stamp.$name.$round.json"
        if [ "$name" = webhook ] && [ -n "$pgbench_sql" ]; then run_pgbench; fi
    done
done

# pgbench ran right after the webhook case in every round; its median is the webhook's reference.
pgbench_tps=""
if [ -n "$pgbench_sql" ]; then
    pgbench_tps="$(printf '%s\n' "${pgbench_rounds[@]}" | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }')"
    log "pgbench rounds (tps): ${pgbench_rounds[*]}"
    psql "$database_url" -qc 'DROP TABLE bench_inserts' >/dev/null || true
    rm -f "$pgbench_sql"
fi

# Reload under load: /healthz through the pool while the master gets SIGHUP (and SIGUSR2) every
# second; every request must still succeed (the socket stays open, old workers finish their request).
reload_json=""
if [ -n "$var" ] && [ -f "$var/run/stack-serve.pid" ] && wants healthz; then
    serve="$(cat "$var/run/stack-serve.pid")"
    log "reload under load: wrk -t$threads -c$connections -d$duration $base/healthz, SIGHUP/SIGUSR2 every second"
    wrk -t "$threads" -c "$connections" -d "$duration" --latency -s "$here/report.lua" "$base/healthz" \
        >"$results_dir/.$stamp.reload.out" &
    wrk_pid=$!
    reloads=0
    while kill -0 "$wrk_pid" 2>/dev/null; do
        sleep 1
        kill -0 "$wrk_pid" 2>/dev/null || break
        if [ $((reloads % 2)) -eq 0 ]; then kill -HUP "$serve"; else kill -USR2 "$serve"; fi
        reloads=$((reloads + 1))
    done
    wait "$wrk_pid" || true
    sed -n 's/^BENCH //p' "$results_dir/.$stamp.reload.out" >"$results_dir/.$stamp.reload.json"
    rm -f "$results_dir/.$stamp.reload.out"
    if [ -s "$results_dir/.$stamp.reload.json" ]; then
        reload_json="$results_dir/.$stamp.reload.json"
        log "reloads during the run: $reloads"
        sleep 1  # let the last generation settle before measuring RSS
    fi
fi

# RSS of the pool workers after the load (DESIGN §8 budget: 32 MiB each).
worker_rss=""
if [ -n "$var" ] && [ -f "$var/run/stack-serve.pid" ]; then
    serve="$(cat "$var/run/stack-serve.pid")"
    for stat in /proc/[0-9]*/stat; do
        fields="$(sed 's/.*) //' "$stat" 2>/dev/null)" || continue
        set -- $fields
        if [ "${2:-}" = "$serve" ]; then
            pid="${stat#/proc/}"
            kb="$(awk '/^VmRSS:/ {print $2}' "/proc/${pid%/stat}/status" 2>/dev/null || true)"
            [ -n "$kb" ] && worker_rss="$worker_rss $kb"
        fi
    done
fi

# Memory after a long mixed load (BENCH_MEMORY_REQUESTS, e.g. 1000000; not run by default: it takes a while).
memory_json=""
if [ -n "${BENCH_MEMORY_REQUESTS:-}" ] && [ -n "$var" ] && [ -f "$var/run/stack-serve.pid" ]; then
    log "memory: $BENCH_MEMORY_REQUESTS mixed requests (bench/mixed.lua), private memory per worker after each step"
    BENCH_WEBHOOK_SECRET="$(cat "$secret_file")" \
        "$here/memory.sh" "$base" "$(cat "$var/run/stack-serve.pid")" >"$results_dir/.$stamp.memory.json"
    memory_json="$results_dir/.$stamp.memory.json"
fi

python3 - "$json" "$text" "$stamp" "$base" "$duration" "$connections" "$threads" "$worker_rss" \
    "$results_dir/.$stamp" "$pgbench_tps" "$reload_json" "$rounds" "$memory_json" "${selected[@]}" <<'PY'
import json, statistics, sys
(json_path, text_path, stamp, base, duration, connections, threads, rss, prefix, pgbench, reload_path,
 rounds, memory_path) = sys.argv[1:14]
cases = [entry.split("|") for entry in sys.argv[14:]]
runs, labels, against = {}, {}, {}
for name, _path, description, _kind, group in cases:
    rounds_of_case = []
    for index in range(1, int(rounds) + 1):
        with open(f"{prefix}.{name}.{index}.json") as handle:
            rounds_of_case.append(json.load(handle))
    ordered = sorted(rounds_of_case, key=lambda run: run["rps"])
    median = dict(ordered[len(ordered) // 2])
    median["rounds_rps"] = [round(run["rps"], 1) for run in rounds_of_case]
    median["errors"] = {key: sum(run["errors"][key] for run in rounds_of_case) for key in median["errors"]}
    runs[name], labels[name], against[name] = median, description, group


def ratio(name: str, reference: str) -> float | None:
    if name in runs and reference in runs and runs[reference]["rps"]:
        return runs[name]["rps"] / runs[reference]["rps"]
    return None


lines = [f"Code Zero bench {stamp}: {base}, wrk {threads} threads, {connections} connections, {duration} per case, "
         f"median of {rounds} interleaved rounds",
         f"{'case':<26} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}  ratio"]
for name, _path, description, _kind, group in cases:
    run = runs[name]
    value = ratio(name, group) if group else None
    if value is not None:
        run[f"ratio_to_{group}"] = round(value, 4)
    shown = f"{value:.1%} of {group}" if value is not None else ""
    lines.append(f"{name:<26} {run['rps']:>9.0f} {run['p50_ms']:>8.2f} {run['p99_ms']:>8.2f} "
                 f"{sum(run['errors'].values()):>7}  {shown}")
for endpoint in ("purchases", "quote"):
    for peer in ("php", "fastapi"):
        value = ratio(endpoint, f"{peer}_{endpoint}")
        if value is not None:
            runs[endpoint][f"times_{peer}"] = round(value, 3)
            lines.append(f"{endpoint} through the pool = {value:.2f}x {peer}_{endpoint}")
if reload_path:
    with open(reload_path) as handle:
        runs["reload"] = json.load(handle)
    run = runs["reload"]
    if "healthz" in runs:
        run["ratio_to_healthz"] = round(run["rps"] / (runs["healthz"]["rps"] or 1.0), 4)
    lines.append(f"{'healthz + reloads':<26} {run['rps']:>9.0f} {run['p50_ms']:>8.2f} {run['p99_ms']:>8.2f} "
                 f"{sum(run['errors'].values()):>7}")
rss_kib = [int(value) for value in rss.split()]
if rss_kib:
    lines.append(f"pool workers: {len(rss_kib)}, RSS max {max(rss_kib) / 1024:.1f} MiB (budget 32 MiB)")
pgbench_tps = float(pgbench) if pgbench else None
if pgbench_tps and "webhook" in runs:
    lines.append(f"pgbench single-row inserts (one session per worker, median of the rounds, each right after the "
                 f"webhook case): {pgbench_tps:.0f} tps; "
                 f"webhook ingestion = {runs['webhook']['rps'] / pgbench_tps:.1%} of it")
checks = []


def check(label: str, value: float | None, passed) -> None:
    if value is not None:
        checks.append((label, bool(passed(value))))


check("pool /healthz >= 95% of the C responder", ratio("healthz", "c_hello"), lambda v: v >= 0.95)
check("cached page >= 90% of the same bytes as a static file", ratio("cached", "static_page"), lambda v: v >= 0.90)
check("DB read >= 20% of static", ratio("products", "static"), lambda v: v >= 0.20)
for endpoint in ("purchases", "quote"):
    check(f"{endpoint} >= 3x PHP-FPM", ratio(endpoint, f"php_{endpoint}"), lambda v: v >= 3)
    check(f"{endpoint} >= 4x FastAPI", ratio(endpoint, f"fastapi_{endpoint}"), lambda v: v >= 4)
reads = [n for n in ("healthz", "products", "purchases", "quote", "configurator", "portal") if n in runs]
if reads:
    checks.append(("p99 of reads < 25 ms", all(runs[n]["p99_ms"] < 25 for n in reads)))
if "configurator" in runs:
    checks.append(("uncached configurator >= 5,000 req/s", runs["configurator"]["rps"] >= 5000))
if "portal" in runs:
    checks.append(("uncached portal page >= 5,000 req/s", runs["portal"]["rps"] >= 5000))
if "webhook" in runs:
    checks.append(("p99 of writes < 50 ms", runs["webhook"]["p99_ms"] < 50))
checks.append(("no errors", all(sum(run["errors"].values()) == 0 for run in runs.values())))
if pgbench_tps and "webhook" in runs:
    checks.append(("webhook ingestion >= 50% of pgbench", runs["webhook"]["rps"] / pgbench_tps >= 0.5))
if "reload" in runs:
    checks.append(("reload under load: no failed request", sum(runs["reload"]["errors"].values()) == 0))
if rss_kib:
    checks.append(("worker RSS <= 32 MiB", max(rss_kib) <= 32 * 1024))
memory = None
if memory_path:
    with open(memory_path) as handle:
        memory = json.load(handle)
    lines.append(f"memory after {memory['requests']:,} mixed requests: max private {memory['max_private_kib'] / 1024:.1f} "
                 f"MiB per worker, {memory['growth_second_half_kib']:+d} KiB over the second half")
    checks.append(("private memory <= 16 MiB per worker", memory["max_private_kib"] <= 16 * 1024))
    checks.append(("memory run: no failed request", memory.get("failed_requests", 0) == 0))
    checks.append(("private memory flat over the second half (<= 5 %)",
                   memory["growth_second_half_kib"] <= 0.05 * memory["max_private_kib"]))
lines += [f"budget: {label}: {'ok' if passed else 'MISSED'}" for label, passed in checks]
report = "\n".join(lines)
print(report)
with open(text_path, "w") as handle:
    handle.write(report + "\n")
with open(json_path, "w") as handle:
    json.dump({"timestamp": stamp, "base": base, "duration": duration, "connections": int(connections),
               "threads": int(threads), "rounds": int(rounds), "cases": runs, "worker_rss_kib": rss_kib,
               "pgbench_tps": pgbench_tps, "memory": memory, "budgets": {label: passed for label, passed in checks}}, handle, indent=2)
PY
rm -f "$results_dir/.$stamp".*.json
log "results: $text and $json"

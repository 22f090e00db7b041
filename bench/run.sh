#!/usr/bin/env bash
# make bench: wrk against the real stack, through nginx and TLS, on loopback only.
#
# Cases (DESIGN §8): nginx serving a static file; a public page from nginx's page cache; /healthz through the
# pool (no database); GET /api/v1/billing/products through the pool (a 4-row PostgreSQL read rendered to JSON);
# an uncached configurator render (catalog + pricing + template); the quote API (JSON in and out); webhook
# ingestion (pre-signed Stripe events, each stored once and queued in one transaction) next to pgbench's
# single-row insert rate at the same concurrency on the same database; /healthz again while the pool master
# reloads every second (SIGHUP/SIGUSR2: zero failed requests expected); the RSS of every pool worker.
# Each is reported as req/s, p50 and p99, and as a ratio of the static figure of the same run.
#
# By default a fresh stack is started (release build, temporary CODEZERO_VAR, free ports) and
# stopped afterwards. BENCH_URL=https://127.0.0.1:8443 measures an already running stack instead.
# Settings: BENCH_DURATION (10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_WARMUP (2s).
# Results: stdout, and $CODEZERO_VAR/bench/<timestamp>.{txt,json} (CODEZERO_VAR defaults to ./var).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-64}"
threads="${BENCH_THREADS:-2}"
warmup="${BENCH_WARMUP:-2s}"
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
quote_body='{"package":"assistant_starter","addons":[{"id":"extra_users","quantity":2}],"country":"DE"}'
cases=(
    "static|/$static_file|nginx serving a static file|"
    "cached|/en/|a public page from nginx's page cache|"
    "healthz|/healthz|/healthz through the pool|"
    "products|/api/v1/billing/products|database read through the pool|"
    "configurator|/de/konfigurator?package=assistant_starter&qty_extra_users=2&country=DE|uncached configurator render|"
    "quote|/api/v1/pricing/quote|the quote API (POST JSON)|post"
    "webhook|/api/v1/billing/webhook|webhook ingestion (signed, stored once, queued)|webhook"
)

# Pre-signed webhook events, each id unique, for the whole run (warm-up included).
webhooks="$results_dir/.webhooks.$$"
secret_file="${var:+$var/stripe-webhook-secret}"
[ -n "$secret_file" ] && [ -s "$secret_file" ] || {
    log "no webhook secret at $secret_file (BENCH_URL runs need CODEZERO_VAR of that stack)"
    exit 1
}
python3 "$here/webhooks.py" "$(cat "$secret_file")" 150000 >"$webhooks"
trap 'rm -f "$webhooks"; stop_stack' EXIT

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
json="$results_dir/$stamp.json"
text="$results_dir/$stamp.txt"
for entry in "${cases[@]}"; do
    IFS='|' read -r name path description kind <<<"$entry"
    script="$here/report.lua"
    case "$kind" in
        post) script="$here/post.lua"; check=(-X POST -H 'Content-Type: application/json' --data "$quote_body") ;;
        webhook) script="$here/webhook.lua"; check=() ;;
        *) check=() ;;
    esac
    if [ "$kind" != webhook ]; then
        status="$(curl -sk -o /dev/null -w '%{http_code}' "${check[@]}" "$base$path")"
        if [ "$status" != 200 ]; then
            log "$base$path answers $status, not 200"
            exit 1
        fi
    fi
    export BENCH_BODY="$quote_body" BENCH_REPORT="$here/report.lua" BENCH_WEBHOOKS="$webhooks" BENCH_THREADS="$threads"
    wrk -t "$threads" -c "$connections" -d "$warmup" -s "$script" "$base$path" >/dev/null
    log "$description: wrk -t$threads -c$connections -d$duration $base$path"
    line="$(wrk -t "$threads" -c "$connections" -d "$duration" --latency -s "$script" "$base$path" |
        sed -n 's/^BENCH //p')"
    [ -n "$line" ] || {
        log "wrk printed no result for $name"
        exit 1
    }
    echo "$line" >"$results_dir/.$stamp.$name.json"
done

# pgbench: single-row inserts (synchronous commit) at the same concurrency, on the stack's own database.
pgbench_tps=""
if [ -n "$var" ]; then
    url="$(CODEZERO_VAR="$var" "${CODEZERO_BIN:-$root/.build/release/codezero}" db url 2>/dev/null || true)"
    pgbench="$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$url" ] && [ -n "$pgbench" ]; then
        psql "$url" -qc 'CREATE TABLE IF NOT EXISTS bench_inserts (id bigserial PRIMARY KEY, payload jsonb NOT NULL)' >/dev/null
        printf '%s\n' "INSERT INTO bench_inserts (payload) VALUES ('{\"id\":\"evt_bench\",\"type\":\"payment_intent.created\"}');" \
            >"$results_dir/.pgbench.$$.sql"
        # The same concurrency as the webhook's: one database session per pool worker.
        sessions="${CODEZERO_WORKERS:-4}"
        log "pgbench: $sessions clients (one per pool worker), single-row inserts, $duration"
        pgbench_tps="$("$pgbench" -n -c "$sessions" -j "$threads" -T "${duration%s}" -f "$results_dir/.pgbench.$$.sql" "$url" 2>/dev/null |
            sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -n 1)"
        rm -f "$results_dir/.pgbench.$$.sql"
        psql "$url" -qc 'DROP TABLE bench_inserts' >/dev/null || true
    fi
fi

# Reload under load: /healthz through the pool while the master gets SIGHUP (and SIGUSR2) every
# second; every request must still succeed (the socket stays open, old workers finish their request).
reload_json=""
if [ -n "$var" ] && [ -f "$var/run/stack-serve.pid" ]; then
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

python3 - "$json" "$text" "$stamp" "$base" "$duration" "$connections" "$threads" "$worker_rss" \
    "$results_dir/.$stamp" "$pgbench_tps" "$reload_json" <<'PY'
import json, sys
json_path, text_path, stamp, base, duration, connections, threads, rss, prefix, pgbench, reload_path = sys.argv[1:]
names = [("static", "nginx static file"), ("cached", "cached page"), ("healthz", "/healthz via pool"),
         ("products", "DB read via pool"), ("configurator", "configurator render"), ("quote", "quote API"),
         ("webhook", "webhook ingestion")]
runs = {}
for name, _ in names:
    with open(f"{prefix}.{name}.json") as handle:
        runs[name] = json.load(handle)
static = runs["static"]["rps"] or 1.0
lines = [f"Code Zero bench {stamp}: {base}, wrk {threads} threads, {connections} connections, {duration} per case",
         f"{'case':<20} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'vs static':>10} {'errors':>7}"]
for name, label in names:
    run = runs[name]
    run["ratio_to_static"] = round(run["rps"] / static, 4)
    errors = sum(run["errors"].values())
    lines.append(f"{label:<20} {run['rps']:>10.0f} {run['p50_ms']:>8.2f} {run['p99_ms']:>8.2f} "
                 f"{run['ratio_to_static']:>9.1%} {errors:>7}")
if reload_path:
    with open(reload_path) as handle:
        runs["reload"] = json.load(handle)
    run = runs["reload"]
    run["ratio_to_static"] = round(run["rps"] / static, 4)
    run["ratio_to_healthz"] = round(run["rps"] / (runs["healthz"]["rps"] or 1.0), 4)
    lines.append(f"{'/healthz + reloads':<20} {run['rps']:>10.0f} {run['p50_ms']:>8.2f} {run['p99_ms']:>8.2f} "
                 f"{run['ratio_to_static']:>9.1%} {sum(run['errors'].values()):>7}")
rss_kib = [int(value) for value in rss.split()]
if rss_kib:
    lines.append(f"pool workers: {len(rss_kib)}, RSS max {max(rss_kib) / 1024:.1f} MiB (budget 32 MiB)")
pgbench_tps = float(pgbench) if pgbench else None
if pgbench_tps:
    ratio = runs["webhook"]["rps"] / pgbench_tps
    lines.append(f"pgbench single-row inserts (one session per worker): {pgbench_tps:.0f} tps; "
                 f"webhook ingestion = {ratio:.1%} of it")
checks = [
    ("cached page >= 90% of static", runs["cached"]["ratio_to_static"] >= 0.90),
    ("DB read >= 20% of static", runs["products"]["ratio_to_static"] >= 0.20),
    ("p99 of reads < 25 ms", all(runs[n]["p99_ms"] < 25 for n in ("healthz", "products"))),
    ("p99 of writes < 50 ms", runs["webhook"]["p99_ms"] < 50),
    ("no errors", all(sum(runs[n]["errors"].values()) == 0 for n, _ in names)),
]
if pgbench_tps:
    checks.append(("webhook ingestion >= 50% of pgbench", runs["webhook"]["rps"] / pgbench_tps >= 0.5))
if "reload" in runs:
    checks.append(("reload under load: no failed request", sum(runs["reload"]["errors"].values()) == 0))
if rss_kib:
    checks.append(("worker RSS <= 32 MiB", max(rss_kib) <= 32 * 1024))
lines += [f"budget: {label}: {'ok' if passed else 'MISSED'}" for label, passed in checks]
report = "\n".join(lines)
print(report)
with open(text_path, "w") as handle:
    handle.write(report + "\n")
with open(json_path, "w") as handle:
    json.dump({"timestamp": stamp, "base": base, "duration": duration, "connections": int(connections),
               "threads": int(threads), "cases": runs, "worker_rss_kib": rss_kib, "pgbench_tps": pgbench_tps,
               "budgets": {label: passed for label, passed in checks}}, handle, indent=2)
PY
rm -f "$results_dir/.$stamp".*.json
log "results: $text and $json"

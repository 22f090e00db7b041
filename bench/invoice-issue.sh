#!/usr/bin/env bash
# Invoice issuing bench (issue #10): what issuing the invoice adds to a credit pack's fulfilment. Budget < 5 ms.
#
# A fresh stack (CODEZERO_BIN, default the release build; temporary CODEZERO_VAR, free loopback ports,
# CODEZERO_ENV=development, mock payments) gets BENCH_PURCHASES (300) pending credit-pack purchases of one German
# company (seeded in SQL), then one signed `checkout.session.completed` per purchase through nginx
# (`codezero trigger`, like Stripe's CLI). The jobs process fulfils each in one transaction: credits granted,
# invoice issued (number from the gapless counter, lines, party snapshots, the render job), commit. Measured from
# its log lines: `invoice.issue_ms` of "invoice issued" (issuing inside the fulfilment transaction, before the
# commit) and `job.duration_ms` of the `stripe.event` jobs (the whole fulfilment, issuing included); "without
# issuing" is the difference, per purchase. Median and p99 of each. Checks: N purchases PAID, N invoices, numbers
# gap-free. Documents render afterwards (XML: `XRechnungWriterTests`; PDF: README "Invoice documents").
#
# BENCH_RENDER_LOAD=1 adds the rendering budget (issue #10: PDFs >= 5/s on 2 cores, rendered at low priority so that
# page and API latency stay within DESIGN §8): while the jobs process works off the N invoices' documents (XML +
# PDF/A-3, one renderer under `nice -n 10`): first BENCH_DURATION (default 10s) with no requests — the documents
# stored in that window give the render rate (budget >= 5 PDFs/s) — then wrk (2 threads, 64 connections, as long)
# reads the uncached priced configurator and then the products API through nginx (budget: p99 < 25 ms, no errors;
# the PDFs stored meanwhile are shown: at low priority the renderer yields to the requests). The backlog must still
# be rendering at the end, else the load was not measured against rendering. Use BENCH_PURCHASES >= 1000.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
count="${BENCH_PURCHASES:-300}"
binary="${CODEZERO_BIN:-$root/.build/release/codezero}"
[ -x "$binary" ] || { echo "invoice bench: $binary missing (make release, or set CODEZERO_BIN)" >&2; exit 1; }
export CODEZERO_ENV=development
log() { printf 'invoice bench: %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
var="$(mktemp -d /tmp/cz-invoice-bench.XXXXXX)"
chmod 0755 "$var"
stack_pid=""
cleanup() {
    if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
        log "stopping the stack"
        kill -TERM "$stack_pid" 2>/dev/null || true
        wait "$stack_pid" 2>/dev/null || true
    fi
    rm -rf "$var" "$var.log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

https_port="$(free_port)"
http_port="$(free_port)"
export CODEZERO_VAR="$var" CODEZERO_HTTPS_PORT="$https_port" CODEZERO_HTTP_PORT="$http_port" CODEZERO_BIND=127.0.0.1
export CODEZERO_PUBLIC_URL="https://localhost:$https_port" CODEZERO_BIN="$binary"
log "starting the stack in $var (https $https_port)"
env -u DATABASE_URL "$root/scripts/stack.sh" run >"$var.log" 2>&1 </dev/null &
stack_pid=$!
for _ in $(seq 1 900); do
    grep -q 'codezero: ready at ' "$var.log" && break
    kill -0 "$stack_pid" 2>/dev/null || { cat "$var.log" >&2; log "the stack did not start"; exit 1; }
    sleep 0.2
done
grep -q 'codezero: ready at ' "$var.log" || { log "the stack was not ready within 180s"; exit 1; }
url="$("$binary" db url)"

log "seeding $count pending purchases"
psql "$url" -v ON_ERROR_STOP=1 -Atq >"$var/purchases" <<SQL
WITH company AS (
    INSERT INTO companies (name, country, street, postal_code, city)
    VALUES ('Bench GmbH', 'DE', 'Hauptstraße 1', '10115', 'Berlin') RETURNING id
), owner AS ( -- the buyer's e-mail on the invoice (XRechnung BT-49) is the owner's
    INSERT INTO users (email, password_hash) VALUES ('buchhaltung@bench.example', 'scrypt\$bench') RETURNING id
), membership AS (
    INSERT INTO memberships (user_id, company_id, role, is_owner) SELECT owner.id, company.id, 'client', true
    FROM owner, company
)
INSERT INTO purchases (company_id, provider, provider_ref, type, product_id, credits_amount, currency, net_cents,
    vat_rate_bp, vat_cents, amount_cents, reverse_charge, vat_category, buyer_country)
SELECT company.id, 'MOCK', 'cs_bench_' || n, 'CREDITS', 'credits_5', 5, 'EUR', 699, 1900, 133, 832, false, 'S', 'DE'
FROM company, generate_series(1, $count) AS n
RETURNING id || ' ' || provider_ref;
SQL

log "paying them: one signed checkout.session.completed each"
export STRIPE_WEBHOOK_SECRET
STRIPE_WEBHOOK_SECRET="$(cat "$var/stripe-webhook-secret")"
while read -r purchase session; do
    "$binary" trigger checkout.session.completed --session "$session" --purchase "$purchase" --amount 832 >/dev/null
done <"$var/purchases"

paid() { psql "$url" -Atqc "SELECT count(*) FROM purchases WHERE status = 'PAID'"; }
for _ in $(seq 1 600); do
    [ "$(paid)" = "$count" ] && break
    sleep 0.2
done
sleep 1 # the last job's completion line
invoices="$(psql "$url" -Atqc "SELECT count(*) || ' ' || count(DISTINCT number) FROM invoices WHERE kind = 'invoice'
    AND purchase_id IS NOT NULL")"

status=0
(python3 - "$var.log" "$count" "$(paid)" "$invoices" <<'PY'
import json, statistics, sys
log, count, paid, invoices = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()
issue, jobs = [], []
for line in open(log, errors="replace"):
    if not line.startswith("{"):
        continue
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    if entry.get("message") == "invoice issued" and entry.get("invoice.kind") == "invoice":
        issue.append(float(entry["invoice.issue_ms"]))
    elif entry.get("message") == "job completed" and entry.get("job.kind") == "stripe.event":
        jobs.append(float(entry["job.duration_ms"]))
def p(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")
def line(name, values):
    return f"{name}: median {statistics.median(values):.2f} ms, p99 {p(values, 0.99):.2f} ms (n={len(values)})"
print(f"{count} credit-pack purchases: {paid} PAID, {invoices[0]} invoices ({invoices[1]} distinct numbers)")
print(line("issuing the invoice (inside the fulfilment transaction)", issue))
print(line("fulfilment job with issuing (stripe.event, whole job)", jobs))
if jobs and issue:
    print(f"fulfilment without issuing (median job − median issuing): "
          f"{statistics.median(jobs) - statistics.median(issue):.2f} ms")
ok = paid == count and int(invoices[0]) == count and int(invoices[1]) == count and len(issue) == count
met = ok and statistics.median(issue) < 5 and p(issue, 0.99) < 5
print(f"  {'met ' if met else 'MISSED'} issuing adds < 5 ms (median and p99)")
print(f"  {'met ' if ok else 'MISSED'} every purchase PAID and invoiced once")
sys.exit(0 if met else 1)
PY
) || status=1

if [ "${BENCH_RENDER_LOAD:-0}" = 1 ]; then
    base="https://127.0.0.1:$https_port"
    duration="${BENCH_DURATION:-10s}"
    documents() { psql "$url" -Atqc "SELECT count(*) FROM invoice_documents WHERE kind = 'pdf'"; }
    load() { # name path → "name rps p99_ms errors pdfs_per_s" (path "-": no requests, only the render rate)
        local before after started ended line='{"rps":0,"p99_ms":0,"errors":{}}'
        before="$(documents)"
        started="$(date +%s.%N)"
        if [ "$2" = - ]; then
            sleep "${duration%s}"
        else
            line="$(wrk -t2 -c64 -d "$duration" --latency -s "$here/report.lua" "$base$2" | sed -n 's/^BENCH //p')"
        fi
        ended="$(date +%s.%N)"
        after="$(documents)"
        python3 -c 'import json, sys
r = json.loads(sys.argv[2]); errors = sum(r["errors"].values())
print(sys.argv[1], round(r["rps"]), round(r["p99_ms"], 1), errors,
      round((int(sys.argv[4]) - int(sys.argv[3])) / (float(sys.argv[6]) - float(sys.argv[5])), 1))' \
            "$1" "$line" "$before" "$after" "$started" "$ended"
    }
    log "rendering load: wrk -t2 -c64 -d$duration while the documents render"
    results="$(load idle -; load configurator '/de/konfigurator?package=assistant_starter&qty_extra_users=2&country=DE'; load products /api/v1/billing/products)"
    left="$(psql "$url" -Atqc "SELECT count(*) FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM invoice_documents d
        WHERE d.invoice_id = i.id AND d.kind = 'pdf')")"
    python3 - "$results" "$left" <<'PY' || status=1
import sys
rows = [line.split() for line in sys.argv[1].splitlines()]
left = int(sys.argv[2])
ok = True
for name, rps, p99, errors, pdfs in rows:
    if name == "idle":
        print(f"rendering alone: {pdfs} PDFs/s stored (XML + PDF/A-3 each)")
        print(f"  {'met ' if float(pdfs) >= 5 else 'MISSED'} >= 5 PDFs/s")
        ok = ok and float(pdfs) >= 5
        continue
    print(f"while rendering: {name} {rps} req/s, p99 {p99} ms, {errors} errors; PDFs stored meanwhile: {pdfs}/s")
    ok_read = float(p99) < 25 and int(errors) == 0
    print(f"  {'met ' if ok_read else 'MISSED'} {name}: p99 of reads < 25 ms, no errors, while rendering")
    ok = ok and ok_read
print(f"  {'met ' if left > 0 else 'MISSED'} documents still rendering at the end ({left} left): the load met the renderer")
sys.exit(0 if ok and left > 0 else 1)
PY
fi
exit "$status"

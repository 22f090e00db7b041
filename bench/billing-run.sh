#!/usr/bin/env bash
# Billing run bench (issue #11): BENCH_SUBSCRIPTIONS (10,000) generated ACTIVE Starter subscriptions whose period
# ended yesterday, each with a saved card, in a fresh embedded cluster (no pool, no jobs process), billed by ONE
# `codezero billing run`: every period closed, invoiced (records; documents render later in the jobs process) and
# charged (mock mode: the simulated gateway). Prints the wall time and the peak RSS (/usr/bin/time -v) and checks
# closes = invoices = PAID = N. Budget: < 120 s for 10,000 on 2 cores. Not part of make test.
# CODEZERO_BIN: the binary to measure (default .build/release/codezero — build it with `make release`).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
count="${BENCH_SUBSCRIPTIONS:-10000}"
binary="${CODEZERO_BIN:-$root/.build/release/codezero}"
[ -x "$binary" ] || { echo "billing bench: $binary missing (make release, or set CODEZERO_BIN)" >&2; exit 1; }
var="$(mktemp -d /tmp/cz-billing-bench.XXXXXX)"
chmod o+x "$var"  # the cluster runs as the postgres user when this runs as root
export CODEZERO_VAR="$var" CODEZERO_ENV=development CODEZERO_LOG_LEVEL=error
cleanup() { "$binary" db stop >/dev/null 2>&1 || true; rm -rf "$var"; }
trap cleanup EXIT
log() { printf 'billing bench: %s\n' "$*" >&2; }

cd "$root"
"$binary" db start >/dev/null
"$binary" migrate >/dev/null 2>&1
url="$("$binary" db url)"
log "seeding $count subscriptions"
psql "$url" -v ON_ERROR_STOP=1 -q <<SQL
WITH company AS (
    INSERT INTO companies (name, country, street, postal_code, city)
    VALUES ('Bench GmbH', 'DE', 'Hauptstraße 1', '10115', 'Berlin') RETURNING id
), customer AS (
    INSERT INTO stripe_customers (company_id, customer_id) SELECT id, 'cus_sim_bench' FROM company
)
INSERT INTO subscriptions (company_id, provider, plan_id, status, current_period_start, current_period_end,
    payment_method_id)
SELECT company.id, 'MOCK', 'assistant_starter', 'ACTIVE', date_trunc('day', now()) - interval '31 days',
    date_trunc('day', now()) - interval '1 day', 'pm_card_visa'
FROM company, generate_series(1, $count);
SQL

log "billing run ($binary)"
/usr/bin/time -v "$binary" billing run >"$var/run.out" 2>"$var/time.err" || {
    cat "$var/run.out" "$var/time.err" >&2
    exit 1
}
seconds="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$var/time.err")"
peak="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$var/time.err")"
read -r closes invoices paid payments < <(psql "$url" -Atq -F ' ' -c "
    SELECT (SELECT count(*) FROM billing_period_closes), (SELECT count(*) FROM invoices WHERE subscription_id IS NOT NULL),
           (SELECT count(*) FROM invoices WHERE subscription_id IS NOT NULL AND status = 'PAID'),
           (SELECT count(DISTINCT invoice_id) FROM subscription_payments)")
cat "$var/run.out"
echo "billing bench: $count subscriptions: wall $seconds, peak RSS $((peak / 1024)) MiB;" \
    "closed $closes, invoiced $invoices, paid $paid, charged invoices $payments"
[ "$closes" = "$count" ] && [ "$invoices" = "$count" ] && [ "$paid" = "$count" ] && [ "$payments" = "$count" ]

#!/usr/bin/env bash
# Instructions per request, counted by valgrind's callgrind (reproducible on a busy machine, unlike req/s):
# the C libfcgi responder (bench/peers/hello.c) and one pool worker (`codezero serve`, 1 worker) answering the
# same requests over their unix sockets, sent by bench/fcgi_client.py. Counters are zeroed after a warm-up, so
# start-up is not counted. The pool uses the database of a running stack (for its start-up checks only when the
# URI needs none).
#
#   bench/profile.sh DATABASE_URL [URI [COUNT]]      (URI /healthz, COUNT 500 by default)
# PROFILE_BEARER=<token> sends a bearer token, PROFILE_COOKIE='name=value' a cookie (a portal page's session);
# PROFILE_HEADER='HTTP_NAME=value' one more request header (e.g. a webhook's HTTP_STRIPE_SIGNATURE, with
# STRIPE_WEBHOOK_SECRET set for the pool); PROFILE_METHOD=POST PROFILE_BODY='{...}' sends a JSON body (then only the pool is measured: the C responder is the
# reference for GET requests).
# Prints "c_hello <Ir/request>" and "pool <Ir/request>"; the pool's callgrind files stay in $PROFILE_DIR
# (default /tmp/cz-profile) for callgrind_annotate.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
url="$1"
uri="${2:-/healthz}"
count="${3:-500}"
dir="${PROFILE_DIR:-/tmp/cz-profile}"
bin="${CODEZERO_BIN:-$root/.build/release/codezero}"
command -v valgrind >/dev/null || { echo "profile: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
rm -rf "$dir"
mkdir -p "$dir/var"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_socket() { for _ in $(seq 1 600); do [ -S "$1" ] && return 0; sleep 0.1; done; echo "no socket $1" >&2; return 1; }

# Zeroes the counters of process $1 after a warm-up, sends $count requests to socket $2, dumps, prints Ir/request.
measure() {
    local pid="$1" socket="$2" name="$3" before total
    python3 "$here/fcgi_client.py" "${body[@]}" "$socket" 50 "$method" "$uri" "${headers[@]}"
    callgrind_control -z "$pid" >/dev/null
    python3 "$here/fcgi_client.py" "${body[@]}" "$socket" "$count" "$method" "$uri" "${headers[@]}"
    callgrind_control -d "$pid" >/dev/null
    sleep 1
    total="$(ls -t "$dir/$name".* | head -n 1 | xargs grep -h '^totals:\|^summary:' | awk '{print $2}' | tail -n 1)"
    echo "$name $((total / count))"
}
headers=()
[ -z "${PROFILE_BEARER:-}" ] || headers=("HTTP_AUTHORIZATION=Bearer $PROFILE_BEARER")
[ -z "${PROFILE_COOKIE:-}" ] || headers+=("HTTP_COOKIE=$PROFILE_COOKIE")
[ -z "${PROFILE_HEADER:-}" ] || headers+=("$PROFILE_HEADER")
method="${PROFILE_METHOD:-GET}"
body=()
[ -z "${PROFILE_BODY:-}" ] || body=(--body "$PROFILE_BODY")

# The C responder answers what /healthz answers and reads no body: it is the reference for GET requests only.
if [ "$method" = GET ]; then
    cc -O2 -o "$dir/hello" "$here/peers/hello.c" -lfcgi
    setsid valgrind --tool=callgrind --callgrind-out-file="$dir/c_hello.%p" "$dir/hello" "$dir/hello.sock" 1 \
        2>"$dir/c_hello.log" &
    pids+=($!)
    wait_socket "$dir/hello.sock"
    measure "${pids[0]}" "$dir/hello.sock" c_hello
fi

DATABASE_URL="$url" CODEZERO_VAR="$dir/var" CODEZERO_SOCKET="$dir/pool.sock" CODEZERO_WORKERS=1 \
    CODEZERO_ENV=development CODEZERO_PUBLIC_URL=https://localhost:8443 \
    setsid valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$dir/pool.%p" "$bin" serve \
    2>"$dir/pool.log" &
pool_pid=$!
pids+=("$pool_pid")
wait_socket "$dir/pool.sock"
sleep 2
worker="$(pgrep -P "$pool_pid" | head -n 1)"
[ -n "$worker" ] || { echo "no worker" >&2; cat "$dir/pool.log" >&2; exit 1; }
measure "$worker" "$dir/pool.sock" pool

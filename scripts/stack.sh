#!/usr/bin/env bash
# Runs the whole Code Zero stack in the foreground: the embedded PostgreSQL cluster (unless
# DATABASE_URL is set), migrations, the FastCGI pool (`codezero serve`), the jobs process (once the
# binary has it) and nginx. `make run`, the end-to-end tests and the benchmark all start it this way.
#
#   scripts/stack.sh run       start everything, print the URL, stay in the foreground; SIGINT or
#                              SIGTERM stops everything it started (nginx, jobs, pool, database)
#   scripts/stack.sh prepare   only create $CODEZERO_VAR, the TLS certificate, the static files and
#                              the rendered nginx configuration
#   scripts/stack.sh check     prepare, then `nginx -t` on the rendered configuration
#
# Settings: see scripts/lib.sh (CODEZERO_VAR, CODEZERO_HTTPS_PORT, CODEZERO_HTTP_PORT, ...).
# State in $CODEZERO_VAR survives a run: a second run reuses the cluster, certificate and cache.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"
# shellcheck source=scripts/tls.sh
. "$here/tls.sh"
# shellcheck source=scripts/assets.sh
. "$here/assets.sh"
# shellcheck source=scripts/render-nginx.sh
. "$here/render-nginx.sh"

umask 022

prepare() {
    cz_settings
    mkdir -p "$CODEZERO_VAR/run" "$CODEZERO_VAR/log"
    cz_ensure_tls
    cz_stage_public
    cz_render_nginx
}

# Stops processes an earlier run left behind (it was SIGKILLed, say). Only called with the lock held,
# so no other stack owns them.
stop_leftovers() {
    local file pid
    for file in "$CODEZERO_VAR/nginx/nginx.pid" "$CODEZERO_VAR/run/stack-nginx.pid"; do
        pid="$(cat "$file" 2>/dev/null || true)"
        if cz_running "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$CODEZERO_VAR/nginx"; then
            cz_log "stopping nginx (pid $pid) left over from an earlier run"
            cz_stop_pid "$pid" TERM 10 nginx
        fi
    done
    for file in "$CODEZERO_VAR/run/stack-serve.pid" "$CODEZERO_VAR/run/stack-jobs.pid"; do
        pid="$(cat "$file" 2>/dev/null || true)"
        if cz_running "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$BIN"; then
            cz_log "stopping $(basename "$file" .pid) (pid $pid) left over from an earlier run"
            cz_stop_pid "$pid" TERM 20 "$(basename "$file" .pid)"
        fi
    done
    stop_strays || true
    rm -f "$CODEZERO_VAR/run/stack-nginx.pid" "$CODEZERO_VAR/run/stack-serve.pid" \
        "$CODEZERO_VAR/run/stack-jobs.pid"
}

# codezero processes of this state folder that outlived their parent (workers of a pool master that
# was SIGKILLed, say): same executable, CODEZERO_VAR in their environment.
stop_strays() {
    local proc pid exe strays=""
    exe="$(readlink -f "$BIN")"
    for proc in /proc/[0-9]*; do
        pid="${proc#/proc/}"
        [ "$pid" != $$ ] || continue
        [ "$(readlink "$proc/exe" 2>/dev/null)" = "$exe" ] || continue
        if tr '\0' '\n' <"$proc/environ" 2>/dev/null | grep -qxF "CODEZERO_VAR=$CODEZERO_VAR"; then
            strays="$strays $pid"
        fi
    done
    [ -n "$strays" ] || return 0
    cz_log "stopping stray codezero processes:$strays"
    for pid in $strays; do
        cz_stop_pid "$pid" TERM 5 "codezero (stray)" || true
    done
    return 1
}

has_jobs_command() {
    case "$CODEZERO_JOBS" in
        1 | yes | true) return 0 ;;
        0 | no | false) return 1 ;;
    esac
    "$BIN" help 2>&1 | grep -Eq '(^|[^A-Za-z-])jobs([^A-Za-z-]|$)'
}

SERVE_PID=""
JOBS_PID=""
NGINX_PID=""
DB_STARTED=0

cleanup() {
    local rc=$?
    set +e
    trap '' INT TERM
    if [ -n "$NGINX_PID$SERVE_PID$JOBS_PID" ] || [ "$DB_STARTED" = 1 ]; then
        cz_log "stopping"
    fi
    # Outside in: stop taking requests, then the pool and jobs, then the database.
    cz_stop_pid "$NGINX_PID" QUIT 10 nginx || rc=1
    cz_stop_pid "$JOBS_PID" TERM 20 "codezero jobs" || rc=1
    cz_stop_pid "$SERVE_PID" TERM 20 "codezero serve" || rc=1
    stop_strays || rc=1
    if [ "$DB_STARTED" = 1 ]; then
        "$BIN" db stop 9>&- || {
            cz_log "codezero db stop failed"
            rc=1
        }
    fi
    rm -f "$CODEZERO_VAR/run/stack-nginx.pid" "$CODEZERO_VAR/run/stack-serve.pid" \
        "$CODEZERO_VAR/run/stack-jobs.pid"
    if [ "$rc" = 0 ]; then
        cz_log "stopped"
    fi
    exit "$rc"
}

# SIGINT/SIGTERM: a requested stop; the exit status is 0 when everything then stops cleanly.
on_signal() {
    cz_log "received SIG$1"
    exit 0
}

# Polls until "$@" succeeds; fails when $2 seconds pass or process $1 dies first.
wait_until() {
    local pid="$1" seconds="$2" ticks=0
    shift 2
    until "$@"; do
        if ! cz_running "$pid"; then
            return 1
        fi
        if [ "$ticks" -ge $((seconds * 10)) ]; then
            return 1
        fi
        sleep 0.1
        ticks=$((ticks + 1))
    done
}

# Where the readiness probe connects: the first listening address (a wildcard means loopback).
probe_host() {
    local first
    read -r first _ <<<"$CODEZERO_BIND"
    case "$first" in
        0.0.0.0) printf '127.0.0.1' ;;
        ::) printf '[::1]' ;;
        *:*) printf '[%s]' "$first" ;;
        *) printf '%s' "$first" ;;
    esac
}

healthy() {
    curl -fsS -k --max-time 2 -o /dev/null "https://$(probe_host):$CODEZERO_HTTPS_PORT/healthz" 2>/dev/null
}

run() {
    BIN="$(cz_bin)"
    cz_settings
    mkdir -p "$CODEZERO_VAR/run"
    # One stack per state folder; the lock is taken before anything in it changes.
    exec 9>"$CODEZERO_VAR/run/stack.lock"
    flock -n 9 || cz_die "another stack is running on $CODEZERO_VAR"
    trap cleanup EXIT
    trap 'on_signal INT' INT
    trap 'on_signal TERM' TERM
    stop_leftovers
    prepare
    local nginx
    nginx="$(cz_nginx)"
    cd "$CODEZERO_ROOT"
    cz_nginx_test 9>&- || cz_die "the rendered nginx configuration is invalid"

    if [ -z "${DATABASE_URL:-}" ]; then
        DB_STARTED=1
    fi
    "$BIN" db start 9>&-
    "$BIN" migrate 9>&-

    # The long-running children get their own sessions (setsid), so a Ctrl-C in the terminal (SIGINT to the
    # foreground process group) reaches only this script, which then stops them in order: nginx first, then
    # the jobs process and the pool, then the database. Running in the background of a non-interactive shell,
    # none of them leads a process group, so setsid execs in place and $! is their pid.
    local group=""
    if [ "${CODEZERO_NGINX_USER:-}" = www-data ]; then
        group=www-data
    fi
    rm -f "$CODEZERO_SOCKET"
    # shellcheck disable=SC2086 # CODEZERO_EXEC_PREFIX is a list of words
    CODEZERO_SOCKET_GROUP="${CODEZERO_SOCKET_GROUP:-$group}" setsid $CODEZERO_EXEC_PREFIX "$BIN" serve 9>&- &
    SERVE_PID=$!
    echo "$SERVE_PID" >"$CODEZERO_VAR/run/stack-serve.pid"
    wait_until "$SERVE_PID" 60 test -S "$CODEZERO_SOCKET" ||
        cz_die "codezero serve did not create $CODEZERO_SOCKET"

    if has_jobs_command; then
        # shellcheck disable=SC2086
        setsid $CODEZERO_EXEC_PREFIX "$BIN" jobs 9>&- &
        JOBS_PID=$!
        echo "$JOBS_PID" >"$CODEZERO_VAR/run/stack-jobs.pid"
    fi

    setsid "$nginx" -p "$CODEZERO_VAR/nginx/" -c "$CODEZERO_VAR/nginx/nginx.conf" \
        -e "$CODEZERO_VAR/log/nginx-error.log" -g 'daemon off;' 9>&- &
    NGINX_PID=$!
    echo "$NGINX_PID" >"$CODEZERO_VAR/run/stack-nginx.pid"
    if ! wait_until "$NGINX_PID" 30 healthy; then
        tail -n 20 "$CODEZERO_VAR/log/nginx-error.log" >&2 || true
        cz_die "nginx did not answer https://$(probe_host):$CODEZERO_HTTPS_PORT/healthz"
    fi

    cz_log "logs: $CODEZERO_VAR/log/ (nginx); the pool logs JSON to stderr"
    if [ -z "${CODEZERO_SMTP_URL:-}" ]; then
        # Development without SMTP: the jobs process writes every mail as a file (DESIGN §12).
        cz_log "mail: no CODEZERO_SMTP_URL, every e-mail is written to $CODEZERO_VAR/mail/ as an .eml file"
    fi
    printf 'codezero: ready at %s/\n' "$CODEZERO_PUBLIC_URL"

    local pid name
    while :; do
        wait -n $NGINX_PID $SERVE_PID $JOBS_PID || true
        for pid in $NGINX_PID $SERVE_PID $JOBS_PID; do
            if ! cz_running "$pid"; then
                # Ctrl-C in a terminal signals the whole process group: a child may exit before this shell
                # has run its own INT trap. A short pause lets a pending stop signal win (exit 0).
                sleep 0.5
                case "$pid" in
                    "$NGINX_PID")
                        name=nginx
                        tail -n 20 "$CODEZERO_VAR/log/nginx-error.log" >&2 || true
                        ;;
                    "$SERVE_PID") name="codezero serve" ;;
                    *) name="codezero jobs" ;;
                esac
                cz_die "$name (pid $pid) exited unexpectedly"
            fi
        done
    done
}

case "${1:-}" in
    run) run ;;
    prepare) prepare ;;
    check)
        prepare
        cz_nginx_test
        ;;
    *)
        echo "usage: $0 run|prepare|check" >&2
        exit 64
        ;;
esac

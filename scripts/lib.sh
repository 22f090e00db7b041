# shellcheck shell=bash
# Shared settings and helpers for the operational scripts (sourced, never run).
#
# Environment (DESIGN §2; all optional):
#   CODEZERO_ENV           development (default here; the binary's own default is production)
#   CODEZERO_VAR           state folder (default ./var, made absolute here)
#   CODEZERO_HTTPS_PORT    nginx TLS listener (default 8443)
#   CODEZERO_HTTP_PORT     nginx plain listener, redirects to HTTPS except /healthz (default 8080)
#   CODEZERO_WORKERS       FastCGI workers in the pool (default 4)
#   DATABASE_URL           external PostgreSQL; when set, no embedded cluster is started
#   CODEZERO_PUBLIC_URL    absolute base URL (default https://localhost:$CODEZERO_HTTPS_PORT)
# Operational additions (this folder only):
#   CODEZERO_BIND          addresses nginx listens on, space-separated (default 127.0.0.1, plus ::1 when
#                          the loopback interface has IPv6)
#   CODEZERO_BIN           the codezero executable (default: release build, else debug build)
#   CODEZERO_TLS_CERT/KEY  a configured certificate; when unset one is generated under $CODEZERO_VAR/tls
#   CODEZERO_JOBS          auto (default: start `codezero jobs` when the binary has it), 1, 0
#   NGINX                  the nginx binary (default: nginx on PATH, else /usr/sbin/nginx)
#   CODEZERO_API_WRITE_RATE  nginx's limit on API writes with credentials per client address, requests a
#                          minute (default 600, burst half of it; the exact per-account budget is the app's)
#   CODEZERO_EXEC_PREFIX   words put in front of `codezero serve`/`codezero jobs` (the end-to-end tests
#                          run the pool under a MemoryDenyWriteExecute wrapper with it)

CODEZERO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export CODEZERO_ROOT

cz_log() { printf 'codezero: %s\n' "$*" >&2; }
cz_die() {
    cz_log "error: $*"
    exit 1
}

# Resolves every setting to its effective value and exports it for the child processes.
cz_settings() {
    # The development stack: mock payments allowed (a production deployment sets its own, see systemd/).
    : "${CODEZERO_ENV:=development}"
    export CODEZERO_ENV
    : "${CODEZERO_VAR:=./var}"
    mkdir -p "$CODEZERO_VAR"
    CODEZERO_VAR="$(cd "$CODEZERO_VAR" && pwd -P)"
    : "${CODEZERO_HTTPS_PORT:=8443}"
    : "${CODEZERO_HTTP_PORT:=8080}"
    : "${CODEZERO_WORKERS:=4}"
    if [ -z "${CODEZERO_BIND:-}" ]; then
        CODEZERO_BIND=127.0.0.1
        if grep -qE '^0{31}1 .* lo$' /proc/net/if_inet6 2>/dev/null; then
            CODEZERO_BIND="127.0.0.1 ::1"
        fi
    fi
    : "${CODEZERO_JOBS:=auto}"
    : "${CODEZERO_EXEC_PREFIX:=}"
    : "${CODEZERO_SQL_DIR:=$CODEZERO_ROOT/sql}"
    if [ -z "${CODEZERO_PUBLIC_URL:-}" ]; then
        if [ "$CODEZERO_HTTPS_PORT" = 443 ]; then
            CODEZERO_PUBLIC_URL="https://localhost"
        else
            CODEZERO_PUBLIC_URL="https://localhost:$CODEZERO_HTTPS_PORT"
        fi
    fi
    CODEZERO_PUBLIC_URL="${CODEZERO_PUBLIC_URL%/}"
    : "${CODEZERO_TLS_CERT:=$CODEZERO_VAR/tls/cert.pem}"
    : "${CODEZERO_TLS_KEY:=$CODEZERO_VAR/tls/key.pem}"
    CODEZERO_SOCKET="$CODEZERO_VAR/run/codezero.sock"
    # Development webhook secret (DESIGN §2: "generated in dev"): made once per state folder, mode 0600.
    if [ -z "${STRIPE_WEBHOOK_SECRET:-}" ]; then
        if [ ! -s "$CODEZERO_VAR/stripe-webhook-secret" ]; then
            (umask 077 && printf 'whsec_dev_%s\n' "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" \
                >"$CODEZERO_VAR/stripe-webhook-secret")
        fi
        STRIPE_WEBHOOK_SECRET="$(cat "$CODEZERO_VAR/stripe-webhook-secret")"
        export STRIPE_WEBHOOK_SECRET
    fi
    export CODEZERO_VAR CODEZERO_HTTPS_PORT CODEZERO_HTTP_PORT CODEZERO_WORKERS CODEZERO_BIND CODEZERO_JOBS
    export CODEZERO_SQL_DIR CODEZERO_PUBLIC_URL CODEZERO_TLS_CERT CODEZERO_TLS_KEY CODEZERO_SOCKET
    cz_check_port CODEZERO_HTTPS_PORT "$CODEZERO_HTTPS_PORT"
    cz_check_port CODEZERO_HTTP_PORT "$CODEZERO_HTTP_PORT"
    case "$CODEZERO_WORKERS" in
        '' | *[!0-9]*) cz_die "CODEZERO_WORKERS must be a positive integer, got '$CODEZERO_WORKERS'" ;;
    esac
    # A unix socket path is limited to 107 bytes.
    if [ "${#CODEZERO_SOCKET}" -gt 100 ]; then
        cz_die "CODEZERO_VAR is too deep for a unix socket path: $CODEZERO_SOCKET"
    fi
}

cz_check_port() {
    case "$2" in
        '' | *[!0-9]*) cz_die "$1 must be a port number, got '$2'" ;;
    esac
    if [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then
        cz_die "$1 must be between 1 and 65535, got '$2'"
    fi
}

# The codezero executable: $CODEZERO_BIN, else the release build, else the debug build.
cz_bin() {
    if [ -n "${CODEZERO_BIN:-}" ]; then
        [ -x "$CODEZERO_BIN" ] || cz_die "CODEZERO_BIN is not executable: $CODEZERO_BIN"
        printf '%s\n' "$CODEZERO_BIN"
        return
    fi
    local candidate
    for candidate in "$CODEZERO_ROOT/.build/release/codezero" "$CODEZERO_ROOT/.build/debug/codezero"; do
        if [ -x "$candidate" ]; then
            printf '%s\n' "$candidate"
            return
        fi
    done
    cz_die "no codezero binary; run 'make release' (or set CODEZERO_BIN)"
}

cz_nginx() {
    if [ -n "${NGINX:-}" ]; then
        printf '%s\n' "$NGINX"
    elif command -v nginx >/dev/null 2>&1; then
        command -v nginx
    elif [ -x /usr/sbin/nginx ]; then
        printf '%s\n' /usr/sbin/nginx
    else
        cz_die "nginx is not installed; run 'make deps'"
    fi
}

# The user nginx's workers run as: www-data when we are root and it can reach $CODEZERO_VAR, else ourselves.
cz_nginx_user() {
    if [ "$(id -u)" != 0 ]; then
        return
    fi
    if id -u www-data >/dev/null 2>&1 && cz_as_www_data test -x "$CODEZERO_VAR/run"; then
        printf '%s\n' www-data
    else
        cz_log "warning: user www-data cannot reach $CODEZERO_VAR; nginx workers run as root"
        printf '%s\n' root
    fi
}

cz_as_www_data() {
    if command -v setpriv >/dev/null 2>&1; then
        setpriv --reuid=www-data --regid=www-data --clear-groups -- "$@"
    else
        runuser -u www-data -- "$@"
    fi
}

# Pids of the direct children of process $1 (reads /proc, no procps needed).
cz_children_of() {
    local stat line fields pid
    for stat in /proc/[0-9]*/stat; do
        { read -r line <"$stat"; } 2>/dev/null || continue
        # Field 2 (comm) may hold spaces and parentheses: state and ppid follow the last ") ".
        fields="${line##*) }"
        set -- $fields
        if [ "${2:-}" = "$CZ_PARENT" ]; then
            pid="${stat#/proc/}"
            printf '%s\n' "${pid%/stat}"
        fi
    done
}

cz_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# True while process $1 exists and is not a zombie.
cz_running() { [ -n "${1:-}" ] && grep -q '^State:[[:space:]]*[^Z]' "/proc/$1/status" 2>/dev/null; }

# Sends signal $2 to process $1 (named $4), waits up to $3 seconds for it to go, then SIGKILLs it;
# finally SIGKILLs any of its former children that outlived it. Fails when anything had to be killed.
cz_stop_pid() {
    local pid="$1" signal="$2" seconds="$3" name="$4" ticks=0 kids kid clean=0
    if ! cz_running "$pid"; then
        wait "$pid" 2>/dev/null || true
        return 0
    fi
    kids="$(CZ_PARENT="$pid" cz_children_of)"
    kill -s "$signal" "$pid" 2>/dev/null || true
    while cz_running "$pid" && [ "$ticks" -lt $((seconds * 10)) ]; do
        sleep 0.1
        ticks=$((ticks + 1))
    done
    if cz_running "$pid"; then
        cz_log "$name (pid $pid) did not stop within ${seconds}s; killing it"
        kill -s KILL "$pid" 2>/dev/null || true
        clean=1
    fi
    wait "$pid" 2>/dev/null || true
    for kid in $kids; do
        if cz_running "$kid"; then
            cz_log "$name left pid $kid behind; killing it"
            kill -s KILL "$kid" 2>/dev/null || true
            clean=1
        fi
    done
    return "$clean"
}

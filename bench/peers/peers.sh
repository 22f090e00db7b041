#!/usr/bin/env bash
# The bench's reference and peers, behind the SAME nginx as the pool (make bench only, never make run):
#   /bench/c/healthz         a 10-line C libfcgi responder (hello.c), as many processes as the pool has workers
#   /bench/php/api/v1/...    PHP-FPM (Debian php-fpm + php-pgsql), pm static with as many children
#   /bench/fastapi/api/v1/...FastAPI + asyncpg under uvicorn, as many processes, over a unix socket
# all on the stack's PostgreSQL. The locations are an include added to the stack's rendered nginx.conf
# (its https server: same TLS, security headers and JSON access log) followed by an nginx reload.
#
#   bench/peers/peers.sh --install                 install php-fpm/php-pgsql and the FastAPI venv (var/bench-peers)
#   bench/peers/peers.sh start VAR DATABASE_URL N  start them for the stack in VAR, N processes each
#   bench/peers/peers.sh stop VAR                  stop what start started (by the pids it wrote)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/../.." && pwd -P)"
venv="$root/var/bench-peers"
log() { printf 'bench peers: %s\n' "$*" >&2; }

php_fpm() { ls /usr/sbin/php-fpm[0-9]* 2>/dev/null | sort -V | tail -n 1; }

install() {
    "$root/scripts/deps.sh" bench
    if ! "$venv/bin/python" -c 'import fastapi, uvicorn, asyncpg' >/dev/null 2>&1; then
        log "installing FastAPI, uvicorn and asyncpg into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check 'fastapi>=0.110,<1' 'uvicorn>=0.29,<1' \
            'asyncpg>=0.29,<1'
    fi
}

# Waits up to 10 s for a unix socket.
wait_socket() {
    for _ in $(seq 1 100); do
        [ -S "$1" ] && return 0
        sleep 0.1
    done
    log "no socket at $1"
    return 1
}

start() {
    local var="$1" url="$2" count="$3" dir conf php
    dir="$var/bench-peers"
    conf="$var/nginx/conf"
    mkdir -p "$dir"
    chmod 0755 "$dir"
    [ -n "$(php_fpm)" ] || { log "php-fpm is not installed (bench/peers/peers.sh --install)"; return 1; }
    "$venv/bin/python" -c 'import fastapi, uvicorn, asyncpg' 2>/dev/null ||
        { log "the FastAPI venv is missing (bench/peers/peers.sh --install)"; return 1; }

    # The C responder: built here, from libfcgi-dev (a build dependency of the pool already).
    cc -O2 -o "$dir/hello" "$here/hello.c" -lfcgi
    rm -f "$dir/hello.sock"
    setsid "$dir/hello" "$dir/hello.sock" "$count" </dev/null >>"$dir/hello.log" 2>&1 &
    echo $! >"$dir/hello.pid"

    # PHP-FPM: static pool, one persistent PostgreSQL connection per child.
    php="$(php_fpm)"
    cat >"$dir/php-fpm.conf" <<CONF
[global]
pid = $dir/php-fpm.pid
error_log = $dir/php-fpm.log
daemonize = no
[bench]
listen = $dir/php.sock
listen.mode = 0666
pm = static
pm.max_children = $count
pm.max_requests = 0
clear_env = yes
env[BENCH_DATABASE_URL] = "$url"
php_admin_value[opcache.enable] = 1
php_admin_value[opcache.validate_timestamps] = 0
CONF
    rm -f "$dir/php.sock"
    local as_root=()
    [ "$(id -u)" != 0 ] || as_root=(--allow-to-run-as-root)
    setsid "$php" --nodaemonize "${as_root[@]}" -y "$dir/php-fpm.conf" </dev/null >>"$dir/php-fpm.log" 2>&1 &
    echo $! >"$dir/php.pid"

    # FastAPI: uvicorn with as many worker processes, on a unix socket.
    rm -f "$dir/fastapi.sock"
    BENCH_DATABASE_URL="$url" setsid "$venv/bin/python" -m uvicorn --app-dir "$here/fastapi" app:app \
        --uds "$dir/fastapi.sock" --workers "$count" --no-access-log --log-level warning \
        </dev/null >>"$dir/fastapi.log" 2>&1 &
    echo $! >"$dir/fastapi.pid"

    local name
    for name in hello php fastapi; do
        wait_socket "$dir/$name.sock" || {
            tail -n 20 "$dir"/*.log >&2
            return 1
        }
    done
    chmod 0666 "$dir/fastapi.sock"
    # uvicorn binds before its workers have run their start-up (database pool, catalog): wait for an answer.
    local code=000
    for _ in $(seq 1 300); do
        code="$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$dir/fastapi.sock" http://bench/ready || true)"
        [ "$code" = 000 ] || break
        sleep 0.1
    done
    [ "$code" != 000 ] || { log "FastAPI does not answer"; tail -n 20 "$dir/fastapi.log" >&2; return 1; }

    # The pool's fastcgi.conf with another upstream, for the two FastCGI peers.
    sed "s|^fastcgi_pass codezero_pool;|fastcgi_pass unix:$dir/hello.sock;|" "$conf/fastcgi.conf" >"$conf/bench-c.conf"
    sed "s|^fastcgi_pass codezero_pool;|fastcgi_pass unix:$dir/php.sock;\nfastcgi_param SCRIPT_FILENAME $here/php/index.php;|" \
        "$conf/fastcgi.conf" >"$conf/bench-php.conf"
    cat >"$conf/bench-peers.conf" <<CONF
# make bench only: the C reference and the peers (bench/peers/peers.sh), inside the stack's https server.
location = /bench/c/healthz { include $conf/bench-c.conf; }
location ^~ /bench/php/ { include $conf/bench-php.conf; }
location ^~ /bench/fastapi/ {
    proxy_pass http://unix:$dir/fastapi.sock:/;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$host;
}
CONF
    if ! grep -q 'bench-peers.conf' "$var/nginx/nginx.conf"; then
        sed -i "s|^\(\s*\)error_page 497 |\1include $conf/bench-peers.conf;\n&|" "$var/nginx/nginx.conf"
    fi
    kill -HUP "$(cat "$var/nginx/nginx.pid")"
    sleep 1
}

stop() {
    local dir="$1/bench-peers" name pid
    for name in hello php fastapi; do
        pid="$(cat "$dir/$name.pid" 2>/dev/null || true)"
        [ -n "$pid" ] || continue
        # Each was started with setsid: its process group is its pid (the forked C responders, FPM's children
        # and uvicorn's workers are in it).
        kill -TERM -- "-$pid" 2>/dev/null || true
        rm -f "$dir/$name.pid"
    done
}

case "${1:-}" in
    --install) install ;;
    start) start "$2" "$3" "$4" ;;
    stop) stop "$2" ;;
    *)
        echo "usage: $0 --install | start VAR DATABASE_URL PROCESSES | stop VAR" >&2
        exit 64
        ;;
esac

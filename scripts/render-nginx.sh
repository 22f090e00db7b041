# shellcheck shell=bash
# Sourced by stack.sh: renders nginx/*.conf and nginx/mime.types into $CODEZERO_VAR/nginx/ for this
# run's ports and paths (plain sed over @NAME@ placeholders; no envsubst, so nginx's own $variables
# are left alone).

# Escapes a value for the replacement side of a sed s|||.
cz_sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

# "1.22.1" -> 1022001, for comparisons.
cz_version_number() {
    local IFS=.
    set -- $1
    printf '%d\n' $(((${1:-0} * 1000 + ${2:-0}) * 1000 + ${3:-0}))
}

cz_render_nginx() {
    local nginx out conf version user host suffix http2_listen="" http2_directive="" file name stapling nameserver
    nginx="$(cz_nginx)"
    out="$CODEZERO_VAR/nginx"
    conf="$out/conf"
    mkdir -p "$conf" "$out/tmp" "$out/cache" "$CODEZERO_VAR/log" "$CODEZERO_VAR/run"
    chmod 0755 "$CODEZERO_VAR" "$out" "$CODEZERO_VAR/log" "$CODEZERO_VAR/run"

    version="$("$nginx" -v 2>&1 | sed -n 's|.*nginx/\([0-9][0-9.]*\).*|\1|p')"
    [ -n "$version" ] || cz_die "cannot read the version of $nginx"
    # `http2 on;` exists since 1.25.1; before that http2 is a parameter of `listen`.
    if [ "$(cz_version_number "$version")" -ge "$(cz_version_number 1.25.1)" ]; then
        http2_directive="http2 on;"
    else
        http2_listen="http2 "
    fi

    # One `listen` per address, all on the placeholder's line.
    local address http_listen="" https_listen=""
    for address in $CODEZERO_BIND; do
        case "$address" in *:*) address="[$address]" ;; esac
        http_listen="${http_listen:+$http_listen }listen $address:$CODEZERO_HTTP_PORT default_server;"
        https_listen="${https_listen:+$https_listen }listen $address:$CODEZERO_HTTPS_PORT ssl ${http2_listen}default_server;"
    done
    [ -n "$http_listen" ] || cz_die "CODEZERO_BIND names no address"
    if [ "$CODEZERO_HTTPS_PORT" = 443 ]; then suffix=""; else suffix=":$CODEZERO_HTTPS_PORT"; fi
    host="${CODEZERO_PUBLIC_URL#*://}"
    host="${host%%/*}"
    case "$host" in
        \[*) host="${host%%]*}]" ;;
        *) host="${host%%:*}" ;;
    esac
    user="$(cz_nginx_user)"
    CODEZERO_NGINX_USER="$user"
    export CODEZERO_NGINX_USER

    # OCSP stapling for a configured (real) certificate: nginx fetches the CA's OCSP answer and sends it in the
    # handshake (resolving the responder with the system's first name server). Off for the generated test
    # certificate, which names no OCSP responder.
    stapling="# OCSP stapling: off (the generated test certificate has no OCSP responder)."
    case "$CODEZERO_TLS_CERT" in
        "$CODEZERO_VAR/tls"/*) ;;
        *)
            stapling="ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $CODEZERO_TLS_CERT;"
            nameserver="$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf 2>/dev/null || true)"
            case "$nameserver" in *:*) nameserver="[$nameserver]" ;; esac
            [ -z "$nameserver" ] || stapling="$stapling resolver $nameserver valid=300s; resolver_timeout 5s;"
            ;;
    esac

    local write_rate="${CODEZERO_API_WRITE_RATE:-600}"
    case "$write_rate" in '' | *[!0-9]* | 0*) cz_die "CODEZERO_API_WRITE_RATE must be a positive whole number" ;; esac

    for file in "$CODEZERO_ROOT"/nginx/*.conf "$CODEZERO_ROOT"/nginx/mime.types; do
        name="$(basename "$file")"
        sed -e "s|@VAR@|$(cz_sed_escape "$CODEZERO_VAR")|g" \
            -e "s|@LOG@|$(cz_sed_escape "$CODEZERO_VAR/log")|g" \
            -e "s|@CONF@|$(cz_sed_escape "$conf")|g" \
            -e "s|@SOCKET@|$(cz_sed_escape "$CODEZERO_SOCKET")|g" \
            -e "s|@HTTP_LISTEN@|$(cz_sed_escape "$http_listen")|g" \
            -e "s|@HTTPS_LISTEN@|$(cz_sed_escape "$https_listen")|g" \
            -e "s|@HTTP_PORT@|$CODEZERO_HTTP_PORT|g" \
            -e "s|@HTTPS_PORT@|$CODEZERO_HTTPS_PORT|g" \
            -e "s|@HTTPS_SUFFIX@|$suffix|g" \
            -e "s|@SERVER_NAME@|$(cz_sed_escape "$host")|g" \
            -e "s|@TLS_CERT@|$(cz_sed_escape "$CODEZERO_TLS_CERT")|g" \
            -e "s|@TLS_KEY@|$(cz_sed_escape "$CODEZERO_TLS_KEY")|g" \
            -e "s|@OCSP_STAPLING@|$(cz_sed_escape "$stapling")|g" \
            -e "s|@USER_DIRECTIVE@|${user:+user $user;}|g" \
            -e "s|@HTTP2_DIRECTIVE@|$http2_directive|g" \
            -e "s|@API_WRITE_RATE@|$write_rate|g" \
            -e "s|@API_WRITE_BURST@|$((write_rate / 2))|g" \
            "$file" >"$conf/$name.new"
        if grep -n '@[A-Z0-9_]*@' "$conf/$name.new" >&2; then
            cz_die "unrendered placeholder in nginx/$name"
        fi
        mv -f "$conf/$name.new" "$conf/$name"
    done
    mv -f "$conf/nginx.conf" "$out/nginx.conf"
}

# `nginx -t` on the rendered configuration.
cz_nginx_test() {
    "$(cz_nginx)" -t -q -p "$CODEZERO_VAR/nginx/" -c "$CODEZERO_VAR/nginx/nginx.conf" \
        -e "$CODEZERO_VAR/log/nginx-error.log"
}

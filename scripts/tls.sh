# shellcheck shell=bash
# Sourced by stack.sh: makes sure nginx has a certificate.
#
# A configured certificate (CODEZERO_TLS_CERT/CODEZERO_TLS_KEY outside $CODEZERO_VAR/tls) is used as is.
# Otherwise a self-signed one is generated on first use: ECDSA P-256, SAN localhost/127.0.0.1/::1,
# valid 365 days, and generated again only once it is about to expire (so a second run reuses it).

cz_ensure_tls() {
    local dir="$CODEZERO_VAR/tls" generated=0
    case "$CODEZERO_TLS_CERT" in "$dir"/*) generated=1 ;; esac
    if [ -s "$CODEZERO_TLS_CERT" ] && [ -s "$CODEZERO_TLS_KEY" ]; then
        if [ "$generated" = 0 ] || openssl x509 -checkend 86400 -noout -in "$CODEZERO_TLS_CERT" >/dev/null; then
            return 0
        fi
        cz_log "the self-signed certificate expires within a day; generating a new one"
    elif [ "$generated" = 0 ]; then
        cz_die "configured TLS certificate or key missing: $CODEZERO_TLS_CERT / $CODEZERO_TLS_KEY"
    fi
    command -v openssl >/dev/null 2>&1 || cz_die "openssl is not installed; run 'make deps'"
    mkdir -p "$dir"
    chmod 0755 "$dir"
    local tmp="$dir/.new.$$"
    rm -rf "$tmp"
    mkdir -m 0700 "$tmp"
    (
        umask 077
        openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 365 \
            -subj "/CN=localhost/O=Code Zero development" \
            -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
            -addext "basicConstraints=critical,CA:FALSE" \
            -addext "keyUsage=critical,digitalSignature" \
            -addext "extendedKeyUsage=serverAuth" \
            -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>"$tmp/openssl.log"
    ) || {
        cat "$tmp/openssl.log" >&2
        rm -rf "$tmp"
        cz_die "could not generate the TLS certificate"
    }
    chmod 0600 "$tmp/key.pem"
    chmod 0644 "$tmp/cert.pem"
    mv -f "$tmp/key.pem" "$CODEZERO_TLS_KEY"
    mv -f "$tmp/cert.pem" "$CODEZERO_TLS_CERT"
    rm -rf "$tmp"
    cz_log "generated a self-signed certificate: $CODEZERO_TLS_CERT"
}

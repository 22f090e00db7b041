# shellcheck shell=bash
# Sourced by stack.sh: makes sure nginx has a certificate.
#
# A configured certificate (CODEZERO_TLS_CERT/CODEZERO_TLS_KEY outside $CODEZERO_VAR/tls) is used as is, with
# OCSP stapling (render-nginx.sh). Otherwise a test certificate is generated on first use, signed by a test CA
# made for it: the CA (ECDSA P-256, 366 days) signs one server certificate (ECDSA P-256, SAN
# localhost/127.0.0.1/::1, 365 days: within Mozilla's 366-day maximum) and its key is then destroyed, so it can
# never sign anything else. Clients (the tests, sslyze --certinfo_ca_file) trust $CODEZERO_VAR/tls/ca.pem.
# Generated again only once it is about to expire, or when an older self-signed one has no CA beside it.

cz_ensure_tls() {
    local dir="$CODEZERO_VAR/tls" generated=0
    case "$CODEZERO_TLS_CERT" in "$dir"/*) generated=1 ;; esac
    if [ -s "$CODEZERO_TLS_CERT" ] && [ -s "$CODEZERO_TLS_KEY" ]; then
        if [ "$generated" = 0 ]; then
            return 0
        fi
        if [ -s "$dir/ca.pem" ] && openssl x509 -checkend 86400 -noout -in "$CODEZERO_TLS_CERT" >/dev/null; then
            return 0
        fi
        cz_log "the test certificate expires within a day or has no test CA; generating a new one"
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
        set -e
        openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 366 \
            -subj "/CN=Code Zero test CA $(date -u +%Y%m%d%H%M%S)/O=Code Zero development" \
            -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
            -addext "keyUsage=critical,keyCertSign,cRLSign" \
            -keyout "$tmp/ca-key.pem" -out "$tmp/ca.pem"
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
            -subj "/CN=localhost/O=Code Zero development" -keyout "$tmp/key.pem" -out "$tmp/cert.csr"
        printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" "basicConstraints=critical,CA:FALSE" \
            "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" \
            "authorityKeyIdentifier=keyid" "subjectKeyIdentifier=hash" >"$tmp/extensions.cnf"
        openssl x509 -req -in "$tmp/cert.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca-key.pem" -set_serial "0x$(openssl rand -hex 16)" \
            -days 365 -sha256 -extfile "$tmp/extensions.cnf" -out "$tmp/cert.pem"
        openssl verify -CAfile "$tmp/ca.pem" "$tmp/cert.pem"
    ) >"$tmp/openssl.log" 2>&1 || {
        cat "$tmp/openssl.log" >&2
        rm -rf "$tmp"
        cz_die "could not generate the TLS certificate"
    }
    rm -f "$tmp/ca-key.pem"
    chmod 0600 "$tmp/key.pem"
    chmod 0644 "$tmp/cert.pem" "$tmp/ca.pem"
    mv -f "$tmp/ca.pem" "$dir/ca.pem"
    mv -f "$tmp/key.pem" "$CODEZERO_TLS_KEY"
    mv -f "$tmp/cert.pem" "$CODEZERO_TLS_CERT"
    rm -rf "$tmp"
    cz_log "generated a test certificate signed by the test CA $dir/ca.pem: $CODEZERO_TLS_CERT"
}

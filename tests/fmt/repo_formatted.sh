# repo_formatted.sh - the repository's glyph assembly (fmt/files.sh) is
# formatted: `glyph-fmt --check` finds nothing.  After editing .s files,
# run `ninja fmt`.
. "$GLYPH_SRC/tests/common.sh"
cd "$GLYPH_SRC" || exit 1
sh fmt/files.sh > "$TMPDIR/files"
while read -r f; do
    if glyph-fmt --check "$f" > "$TMPDIR/diff" 2>&1; then
        ok "$f is formatted"
    else
        not_ok "$f is formatted (run: ninja fmt)" "$(head -20 "$TMPDIR/diff")"
    fi
done < "$TMPDIR/files"
finish

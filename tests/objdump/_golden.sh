# _golden.sh - sourced by the golden tests: compare glyph-objdump's
# stdout (and exit status 0, empty stderr) with tests/objdump/golden/NAME.txt.
# GLYPH_REGEN=1 in the environment rewrites the files instead and fails
# every case it rewrote, so a regeneration can never pass for a test run
# (review the new files with git diff, then run the tests again).
GOLDEN_DIR="$GLYPH_SRC/tests/objdump/golden"

# golden NAME ARGS...: one case; ARGS go to glyph-objdump as they are.
golden() {
    name=$1; shift
    glyph-objdump "$@" >"$TMPDIR/got.txt" 2>"$TMPDIR/err.txt"
    st=$?
    want="$GOLDEN_DIR/$name.txt"
    if [ -n "${GLYPH_REGEN:-}" ]; then
        cp "$TMPDIR/got.txt" "$want"
        not_ok "$name: regenerated golden/$name.txt (GLYPH_REGEN is set): review it and rerun without GLYPH_REGEN"
        return
    fi
    if [ "$st" -ne 0 ] || [ -s "$TMPDIR/err.txt" ]; then
        not_ok "$name: glyph-objdump $*" "exit $st" "$(cat "$TMPDIR/err.txt")"
    elif [ ! -f "$want" ]; then
        not_ok "$name: no golden file $want"
    elif cmp -s "$want" "$TMPDIR/got.txt"; then
        ok "$name: glyph-objdump $*"
    else
        not_ok "$name: glyph-objdump $* differs from golden/$name.txt" \
            "$(diff "$want" "$TMPDIR/got.txt" | head -30)"
    fi
}

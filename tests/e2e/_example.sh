# _example.sh - sourced by tests/e2e/*.sh (a helper, not a test).
# example NAME: set EX to the built example, or fail the test when missing.
. "$GLYPH_SRC/tests/common.sh"
[ -x "$GLYPH_BUILD/bin/glyph-run" ] || skip_all "glyph-run is not built"
example() {
    EX="$GLYPH_BUILD/examples/$1"
    if [ ! -x "$EX" ]; then
        not_ok "example $1 is built" "missing $EX (ninja builds it from examples/$1)"
        finish
    fi
}

# _build.sh - sourced by tests/runtime/*.sh (a helper, not a test).
# Provides build_prog OUT SRC...: assemble SRC files with glyph-as and link
# them with glyph-ld against $GLYPH_BUILD/runtime/{crt0.o,libgrt.a}.
. "$GLYPH_SRC/tests/common.sh"
RT="$GLYPH_BUILD/runtime"
for t in glyph-as glyph-ld glyph-run; do
    [ -x "$GLYPH_BUILD/bin/$t" ] || skip_all "$t is not built"
done
[ -f "$RT/crt0.o" ] && [ -f "$RT/libgrt.a" ] || skip_all "runtime is not built ($RT)"
TESTS="$GLYPH_SRC/tests/runtime"

build_prog() {
    bp_out=$1; shift
    bp_objs=
    for bp_s in "$@"; do
        bp_o=$(basename "$bp_s" .s).o
        glyph-as -o "$bp_o" "$bp_s" || return 1
        bp_objs="$bp_objs $bp_o"
    done
    # shellcheck disable=SC2086
    glyph-ld -o "$bp_out" "$RT/crt0.o" $bp_objs -L"$RT" -lgrt
}

# build_check NAME SRC...: build_prog as a TAP check; stop the test when it fails
build_check() {
    bc_name=$1; shift
    if build_prog "$bc_name" "$@" >"$TMPDIR/.build" 2>&1; then
        ok "build $bc_name"
    else
        not_ok "build $bc_name" "$(tail -20 "$TMPDIR/.build")"
        finish
    fi
}

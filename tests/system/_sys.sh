# _sys.sh - helpers for the system-mode tests, sourced after common.sh.
#
#   kern NAME <<'EOF' ... EOF   assemble stdin, link it with _klib.s,
#                              _handler.s and examples/kernel/console.s
#                              into a kernel
#                              ./NAME at 0xffffc00000200000 (glyph-virt RAM)
#   boot NAME [OPTS...]        run it: glyph-run -M virt -kernel ./NAME OPTS
#                              (sets OUT, ERR, STATUS)
command -v glyph-as >/dev/null 2>&1 || skip_all "glyph-as not built"
KBASE=0xffffc00000200000
for f in _klib _handler; do
    glyph-as -o $f.o "$GLYPH_SRC/tests/system/$f.s" || skip_all "cannot assemble $f.s"
done
glyph-as -o _console.o "$GLYPH_SRC/examples/kernel/console.s" || skip_all "cannot assemble console.s"

kern() {
    cat > "$1.s"
    if ! glyph-as -o "$1.o" "$1.s" 2> "$1.err" ||
        ! glyph-ld --image-base "$KBASE" -o "$1" "$1.o" _klib.o _handler.o _console.o 2>> "$1.err"; then
        not_ok "build kernel $1" "$(cat "$1.err")"
        return 1
    fi
}

boot() {
    k=$1
    shift
    run glyph-run -M virt -kernel "./$k" "$@"
}

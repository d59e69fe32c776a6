# startup_libs.sh - glyph-run's start-up does not pay for its debugging
# aids: capstone (host code in --jit-dump) is loaded with dlopen when a
# dump is made, not linked, because the dynamic loader's relocation of
# its tables cost every run about 2.5 ms (docs/build.md).  A structural
# check, not a timing: the speed figures live in tests/bench/.
. "$GLYPH_SRC/tests/common.sh"
command -v readelf >/dev/null 2>&1 || skip_all "readelf (binutils) not installed"
EMU="$GLYPH_BUILD/bin/glyph-run"
run readelf -d "$EMU"
expect_eq "readelf -d glyph-run" 0 "$STATUS"
needed=$(printf '%s\n' "$OUT" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
expect_match "glyph-run has dynamic dependencies" 'libc\.so' "$needed"
case $needed in
*capstone*) not_ok "capstone is not linked into glyph-run (loaded for --jit-dump only)" "NEEDED: $needed" ;;
*) ok "capstone is not linked into glyph-run (loaded for --jit-dump only)" ;;
esac
finish

# mremap.sh - mremap invalidates the code translated from both ranges
# (mremap.s): a page moved onto another runs its new code there, and
# the old address, now unmapped, faults instead of running stale code.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/mremap.s"

run glyph-run ./prog fixed
expect_eq "mremap onto a page run before: status" 0 "$STATUS"
expect_eq "mremap onto a page run before: its new code runs" "returned 1
returned 2" "$OUT"

run glyph-run ./prog old
expect_eq "the moved page's old address: SIGSEGV" 139 "$STATUS"
expect_eq "the moved page's old address: nothing ran there" "returned 2" "$OUT"
expect_match "the moved page's old address: a fetch fault" 'segmentation fault: .*fetch' "$ERR"
finish

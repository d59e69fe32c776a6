# malloc_stress.sh - runtime/malloc.s under 20000 random malloc, calloc,
# realloc (growing and shrinking) and free operations on 256 blocks of
# 0 bytes to 192 KiB: no block loses or shares data, all 16-byte aligned,
# calloc memory zero (tests/runtime/malloc_stress.s).
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/malloc_stress.s"
run glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_match "no errors" "^errors 0 ops 20000 live [0-9]+$" "$OUT"
finish

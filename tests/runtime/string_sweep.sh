# string_sweep.sh - runtime/string.s at every length 0..40 and alignment
# 0..7 against byte loops (result, return value, guard bytes untouched),
# memmove at distances -9..9, comparisons of bytes >= 0x80, strncmp with
# n = 0, strchr of a high byte and of an int above 255
# (tests/runtime/string_sweep.s).
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/string_sweep.s"
run glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "no errors" "errors 0 checks 6694" "$OUT"
finish

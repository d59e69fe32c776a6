# abi.sh - libgrt functions preserve s0-s34 and sp across calls (abi.s).
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/abi.s"
run glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "output" "word -42 1234567890123 feed z  word|17  |
word
!abi ok 25" "$OUT"
expect_eq "stderr" "word 1 2 3 e  word|99  |" "$(printf '%s' "$ERR" | head -1)"
finish

# recursion.sh - call/ret link vectors 100000 frames deep, and mutual
# recursion between two functions with their own immediate blocks
# (tests/runtime/recursion.s): the results and a normal exit.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/recursion.s"
run glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "100000 deep" "sum 5000050000 even 1 odd 0" "$OUT"
run glyph-run ./prog 99999
expect_eq "99999 deep" "sum 4999950000 even 0 odd 1" "$OUT"
finish

# icall.sh - runtime/icall.s, qsort.s and atexit: calls through function
# pointers (descriptors), all eight argument registers, sorting with a
# comparator, bsearch, exit handlers.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/icall.s"
run glyph-run ./prog
expect_eq "exit status (main's 5, after the handlers)" 5 "$STATUS"
expect_eq "output" "sum8 87654321
ints: -2147483648 -3 -3 0 1 5 7 42 99 2147483647
words: apple apple banana cherry fig pear
random-sorted 1
bsearch-found-index 0
bsearch-missing 0
bye2
bye1" "$OUT"
finish

# stackargs.sh - calls with 10 and 12 arguments (stackargs.s): the stack
# arguments arrive in order, the caller's saved ra and s-registers and its
# own incoming stack arguments survive, main returns normally; the same
# ten arguments through a function pointer (__grt_icall).
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/stackargs.s"
run glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "output" "inner 1 2 3 4 5 6 7 8 9 10
printf 1 2 3 4 5 6 7 8 9 10 11
outer 650
inner 1 2 3 4 5 6 7 8 9 10
icall 385" "$OUT"
expect_eq "no fault report" "" "$ERR"
finish

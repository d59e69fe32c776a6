# fib.sh - examples/fib.s: deep recursion through call/ret link vectors.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example fib
run glyph-run "$EX"
expect_eq "exit status" 0 "$STATUS"
expect_eq "fib(25)" "fib(25) = 75025" "$OUT"
run glyph-run "$EX" 1
expect_eq "fib(1)" "fib(1) = 1" "$OUT"
run glyph-run "$EX" 30
expect_eq "fib(30)" "fib(30) = 832040" "$OUT"
finish

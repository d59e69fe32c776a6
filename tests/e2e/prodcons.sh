# prodcons.sh - examples/prodcons.s: two producer and two consumer
# threads around a bounded queue (libgrt mutex and condition variables);
# every item is taken exactly once, whatever the interleaving.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example prodcons
run glyph-run "$EX"
expect_eq "exit status" 0 "$STATUS"
expect_eq "2 x 1..10000" "items 20000 sum 100010000" "$OUT"
run glyph-run "$EX" 1
expect_eq "2 x 1" "items 2 sum 2" "$OUT"
run glyph-run "$EX" 50000
expect_eq "2 x 1..50000" "items 100000 sum 2500050000" "$OUT"
finish

# sort.sh - examples/sort.s (libc qsort through a function pointer)
# against the host's `LC_ALL=C sort`.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example sort
printf 'pear\napple\n\nBanana\napple pie\n~tilde\n  spaced\nzeta' >a.txt
printf 'mango\nkiwi\n' >b.txt
python3 -c '
for i in range(3000):
    print("line %d %s" % ((i * 7919) % 3001, "x" * (i % 13)))' >big.txt
run sh -c "glyph-run '$EX' <a.txt"
expect_eq "stdin exit status" 0 "$STATUS"
expect_eq "stdin" "$(LC_ALL=C sort <a.txt)" "$OUT"
run glyph-run "$EX" a.txt b.txt
expect_eq "two files" "$(LC_ALL=C sort a.txt b.txt)" "$OUT"
glyph-run "$EX" big.txt >out.txt
LC_ALL=C sort big.txt >want.txt
check "3000 lines, several reads" cmp out.txt want.txt
run sh -c "glyph-run '$EX' </dev/null"
expect_eq "empty input" "" "$OUT"
run glyph-run "$EX" nope.txt
expect_eq "missing file: exit status" 2 "$STATUS"
expect_eq "missing file: message" "sort: nope.txt: cannot open" "$ERR"
finish

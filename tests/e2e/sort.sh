# sort.sh - examples/sort.s (libc qsort through a function pointer)
# against the host's `LC_ALL=C sort`, also on many equal (empty) lines
# with an instruction bound.
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
# 20000 lines, 20% of them empty: a run of equal keys, which a two-way
# quicksort partition makes quadratic (about 530 M instructions then)
python3 "$GLYPH_SRC/tests/bench/runtime_inputs.py" text 20000 20 >empty.txt
glyph-run --stats "$EX" <empty.txt >out.txt 2>stats.txt
LC_ALL=C sort empty.txt >want.txt
check "20000 lines with 20% empty ones" cmp out.txt want.txt
insns=$(sed -n 's/.*stats: \([0-9]*\) instructions.*/\1/p' stats.txt)
if [ -n "$insns" ] && [ "$insns" -le 100000000 ]; then
    ok "in $insns instructions (at most 100 M)"
else
    not_ok "20000 lines with 20% empty ones within 100 M instructions" "$(cat stats.txt)"
fi
run sh -c "glyph-run '$EX' </dev/null"
expect_eq "empty input" "" "$OUT"
run glyph-run "$EX" nope.txt
expect_eq "missing file: exit status" 2 "$STATUS"
expect_eq "missing file: message" "sort: nope.txt: cannot open" "$ERR"
finish

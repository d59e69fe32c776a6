# qsort_adv.sh - qsort is O(n log n) and correct on adversarial inputs
# (qsort_adv.s): nine patterns (random, all equal, sorted, reverse, organ
# pipe, three keys, 20% zeros, sawtooth, interleaved) of 5000 elements of
# 8, 24 and 3 bytes sorted, whole and with the same keys, in at most
# 4 n ceil(log2 n) = 260000 comparisons; and 2000 records sorted into the
# host's order (Python's sorted, compared without the order of equal keys).
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/qsort_adv.s"
glyph-run ./prog >out.txt
expect_eq "exit status" 0 "$?"
grep '^pattern' out.txt >cases.txt
expect_eq "27 cases" 27 "$(wc -l <cases.txt)"
bad=$(grep -v 'order ok, keys ok, records ok' cases.txt)
expect_eq "every case sorted, keys kept, records whole" "" "$bad"
over=$(awk '$NF > 260000' cases.txt)
expect_eq "at most 260000 comparisons each" "" "$over"
check "2000 records in the host's order" python3 -c '
import sys
ins, outs = [], []
for line in open("out.txt"):
    w = line.split()
    if w[0] == "in": ins.append((int(w[1]), int(w[2])))
    if w[0] == "out": outs.append((int(w[1]), int(w[2])))
assert len(ins) == 2000 and len(outs) == 2000
assert [k for k, _ in outs] == sorted(k for k, _ in ins), "keys out of order"
assert sorted(outs) == sorted(ins), "records changed"
'
finish

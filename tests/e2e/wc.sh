# wc.sh - examples/wc.s: lines, words and bytes agree with the host's wc;
# "-" for stdin; unreadable input.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example wc
printf 'one two  three\n\tfour\n\nfive six' >a.txt
python3 -c 'import sys; sys.stdout.write(" ".join(str(i) for i in range(3000)) + "\n")' >b.txt
: >empty.txt
for f in a.txt b.txt empty.txt; do
    want=$(wc "$f" | awk '{print $1, $2, $3, $4}')
    run glyph-run "$EX" "$f"
    expect_eq "$f exit status" 0 "$STATUS"
    expect_eq "$f counts" "$want" "$OUT"
done
want=$(wc <a.txt | awk '{print $1, $2, $3}')
run sh -c "glyph-run '$EX' <a.txt"
expect_eq "stdin counts" "$want" "$OUT"
run glyph-run "$EX" a.txt b.txt
want=$(wc a.txt b.txt | awk '{print $1, $2, $3, $4}')
expect_eq "two files and a total" "$want" "$OUT"
run sh -c "glyph-run '$EX' a.txt - b.txt <a.txt"
want=$(wc a.txt - b.txt <a.txt | awk '{print $1, $2, $3, $4}')
expect_eq "- reads stdin" "$want" "$OUT"
run glyph-run "$EX" nope.txt
expect_eq "missing file: exit status 1" 1 "$STATUS"
expect_eq "missing file: message" "wc: nope.txt: cannot open" "$ERR"
mkdir dir
run glyph-run "$EX" dir
expect_eq "directory: exit status 1" 1 "$STATUS"
expect_eq "directory: message" "wc: dir: read error" "$ERR"
run sh -c "glyph-run '$EX' <dir"
expect_eq "directory as stdin: exit status 1" 1 "$STATUS"
expect_eq "directory as stdin: message" "wc: -: read error" "$ERR"
expect_eq "directory as stdin: no counts" "" "$OUT"
finish

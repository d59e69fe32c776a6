# cat.sh - examples/cat.s: files, stdin, "-", binary data, a missing file,
# a directory (also as stdin), a failed write.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example cat
printf 'first file\n' >a.txt
printf 'second\nfile\n' >b.txt
run glyph-run "$EX" a.txt b.txt
expect_eq "exit status" 0 "$STATUS"
expect_eq "two files" "first file
second
file" "$OUT"
run sh -c "printf 'from stdin\n' | glyph-run '$EX'"
expect_eq "stdin" "from stdin" "$OUT"
run sh -c "printf 'middle\n' | glyph-run '$EX' a.txt - b.txt"
expect_eq "- in the middle" "first file
middle
second
file" "$OUT"
# every byte value, and more than one 4096-byte read
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 40)' >bin.dat
glyph-run "$EX" bin.dat >copy.dat
check "binary data, 10240 bytes" cmp bin.dat copy.dat
run glyph-run "$EX" a.txt missing.txt
expect_eq "missing file: exit status 1" 1 "$STATUS"
expect_eq "missing file: other files still copied" "first file" "$OUT"
expect_match "missing file: message on stderr" "^cat: missing.txt: cannot open \(errno 2\)$" "$ERR"
mkdir dir
run glyph-run "$EX" dir a.txt
expect_eq "directory: exit status 1" 1 "$STATUS"
expect_eq "directory: other files still copied" "first file" "$OUT"
expect_match "directory: read error on stderr" "^cat: dir: read error \(errno 21\)$" "$ERR"
run sh -c "glyph-run '$EX' <dir"
expect_eq "directory as stdin: exit status 1" 1 "$STATUS"
expect_eq "directory as stdin: message" "cat: -: read error (errno 21)" "$ERR"
if [ -w /dev/full ]; then
    run sh -c "glyph-run '$EX' a.txt b.txt >/dev/full"
    expect_eq "write error: exit status 1" 1 "$STATUS"
    expect_eq "write error: one message" "cat: write error (errno 28)" "$ERR"
    run sh -c "glyph-run '$EX' <a.txt >/dev/full"
    expect_eq "write error from stdin: exit status 1" 1 "$STATUS"
else
    skip "no /dev/full"
    skip "no /dev/full"
    skip "no /dev/full"
fi
finish

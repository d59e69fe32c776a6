# cli.sh - glyph-fmt's command line: stdin, --check with a diff patch can
# apply, -i in place (atomic, keeps permissions and symbolic links, leaves
# files it cannot format or fully write untouched), errors with
# file:line:col or the file's name.
. "$GLYPH_SRC/tests/common.sh"
printf 'f: nop\n  li a0,1\n' > t.s
cp t.s orig.s
want=$(printf 'f:  nop\n    li          a0, 1')

run sh -c 'glyph-fmt < t.s'
expect_eq "stdin to stdout" "$want" "$OUT"
run sh -c 'glyph-fmt - < t.s'
expect_eq "- is stdin" "$want" "$OUT"

run glyph-fmt --check t.s
expect_eq "--check: unformatted file exits 1" 1 "$STATUS"
expect_eq "--check: the diff names the file" "--- t.s" "$(echo "$OUT" | head -1)"
printf '%s\n' "$OUT" > d.patch
cp t.s p.s
check "--check: the diff applies with patch" patch -s p.s d.patch
expect_eq "--check: patched file is the formatted one" "$want" "$(cat p.s)"
check "--check leaves the file alone" cmp t.s orig.s

chmod 640 t.s
ln -s t.s link.s
run glyph-fmt -i link.s
expect_eq "-i: exit status" 0 "$STATUS"
expect_eq "-i: rewritten" "$want" "$(cat t.s)"
check "-i: the symbolic link stays a link" test -L link.s
expect_eq "-i: permissions kept" 640 "$(stat -c %a t.s)"
run glyph-fmt --check t.s
expect_eq "--check: formatted file exits 0, prints nothing" "0:" "$STATUS:$OUT"
expect_eq "no temporary files left" "" "$(ls -a | grep glyph-fmt)"

printf '    nop\n    add.i64 a0, (\n    nop\n' > bad.s
cp bad.s bad.orig
run glyph-fmt -i bad.s
expect_eq "syntax error: exit status 2" 2 "$STATUS"
expect_eq "syntax error: file:line:col" "bad.s:2:" "$(echo "$ERR" | cut -d: -f1-2):"
check "syntax error: file untouched" cmp bad.s bad.orig
run glyph-fmt --check bad.s t.s
expect_eq "errors outrank differences" 2 "$STATUS"
# an unclosed block makes the parser wrap the file, from its first line,
# in one ERROR node: the message still names the line of the culprit
printf '# c\n    .text\nf:  nop\n    .if 1\n    nop\n    ret\n' > open.s
run glyph-fmt open.s
expect_eq "unclosed .if: the message names its line" "open.s:4:5:" "$(echo "$ERR" | cut -d: -f1-3):"
printf '    nop\n    .macro m\n    nop\n' > openm.s
run glyph-fmt openm.s
expect_eq "unclosed .macro: the message names its line" "openm.s:2:5:" "$(echo "$ERR" | cut -d: -f1-3):"

if [ "$(id -u)" != 0 ]; then
    mkdir ro && printf 'nop\n' > ro/x.s && chmod 555 ro
    run glyph-fmt -i ro/x.s
    expect_eq "unwritable directory: exit status 2" 2 "$STATUS"
    expect_eq "unwritable directory: file untouched" "nop" "$(cat ro/x.s)"
    chmod 755 ro
else
    skip "unwritable directory (running as root)"
fi
# a write that fails half-way (here: the file size limit, which root
# cannot escape) leaves the original whole and no temporary file
i=0
while [ $i -lt 3000 ]; do echo "l$i: add.i64 a0,a1,a2   # c"; i=$((i + 1)); done > big.s
cp big.s big.orig
run sh -c 'ulimit -f 100 && exec glyph-fmt -i big.s'
expect_eq "write fails half-way: exit status 2" 2 "$STATUS"
expect_match "write fails half-way: the message names the file" "^glyph-fmt: big.s: cannot rewrite" "$ERR"
check "write fails half-way: file untouched" cmp big.s big.orig
expect_eq "write fails half-way: no temporary file left" "" "$(ls -a | grep glyph-fmt)"
run sh -c 'glyph-fmt < t.s > /dev/full'
expect_eq "standard output full: exit status 2" 2 "$STATUS"
expect_match "standard output full: said so" "^glyph-fmt: standard output: " "$ERR"
run glyph-fmt missing.s
expect_eq "missing file: exit status 2" 2 "$STATUS"
expect_match "missing file: the message names it" "^glyph-fmt: missing.s: No such file" "$ERR"
mkdir adir
run glyph-fmt adir
expect_eq "a directory: exit status 2" 2 "$STATUS"
expect_match "a directory: the message names it" "^glyph-fmt: adir: Is a directory" "$ERR"
printf 'nop\0\n' > nul.s
run glyph-fmt nul.s
expect_eq "binary input refused" 2 "$STATUS"
printf '' > empty.s
run glyph-fmt --check empty.s
expect_eq "an empty file is formatted" 0 "$STATUS"
run glyph-fmt --bogus
expect_eq "unknown option: exit status 2" 2 "$STATUS"
finish

# line_numbers.sh - glyph-objdump -d -l (--line-numbers) puts FILE:LINE
# above the first instruction of each source line, and "func():" under
# a label, as GNU objdump -l does, in objects (-g) and executables; no
# lines without -g; a malformed .debug_line is a warning.
. "$GLYPH_SRC/tests/common.sh"
command -v glyph-as >/dev/null 2>&1 || skip_all "glyph-as not built"

cat > t.s <<'S'
    .text
    .globl _start
_start:
    li a0, 5
    .include "part.s"
    li t0, 93
    syscall
S
printf '    addi.i64 a0, 1\n' > part.s
glyph-as -g -o t.o t.s && glyph-as -o plain.o t.s && glyph-ld -o app t.o
D=$(pwd)
# the disassembly without the instruction bytes: lines and mnemonics
shape() { awk '/^ +[0-9a-f]+:/ { sub(/^[^\t]*\t[^\t]*\t/, ""); print "  " $0; next } /^Disassembly/ { next } /:$|:[0-9]+$|\(\):$/ { print }' ; }
want="0000000000000000 <_start>:
_start():
$D/t.s:4
  movi.i64 a0, 5
$D/part.s:1
  addi.i64 a0, 1
$D/t.s:6
  movi.i64.w t0, 93
$D/t.s:7
  syscall"
run glyph-objdump -d -l t.o
expect_eq "-d -l on a -g object" "$want" "$(printf '%s\n' "$OUT" | shape)"
run glyph-objdump -dl --line-numbers app
expect_eq "-dl on the executable: the same lines" \
    "$(printf '%s\n' "$want" | sed 1d)" "$(printf '%s\n' "$OUT" | shape | sed 1d)"
expect_match "... at linked addresses" "$D/t.s:4
 +1[0-9a-f]{4}:" "$OUT"
run glyph-objdump -d -l plain.o
expect_eq "no line information: the plain disassembly" "$(glyph-objdump -d plain.o)" "$OUT"
run glyph-objdump -d t.o
expect_eq "-d alone prints no lines" "$(glyph-objdump -d plain.o | sed 's/plain\.o/t.o/')" "$OUT"

off=$(readelf -SW t.o | awk '{ for (i = 1; i < NF; i++) if ($i == ".debug_line") print $(i + 3) }')
cp t.o bad.o
printf '\377\377\377\177' | dd of=bad.o bs=1 seek=$((0x$off)) conv=notrunc 2>/dev/null
run glyph-objdump -dl bad.o
expect_match "malformed .debug_line: a warning" \
    "glyph-objdump: warning: bad.o: .debug_line: offset 0x4: unit length 0x7fffffff runs past the section \(no line numbers\)" "$ERR"
expect_eq "... and the disassembly without lines, status 0" \
    "0:$(glyph-objdump -d plain.o | sed 's/plain\.o/bad.o/')" "$STATUS:$OUT"
if command -v objdump >/dev/null; then
    expect_eq "-h: debug sections flagged as binutils flags them" \
        "$(objdump -h t.o 2>/dev/null | grep -A1 '\.debug_line' | tail -1)" \
        "$(glyph-objdump -h t.o | grep -A1 '\.debug_line' | tail -1)"
fi
run glyph-objdump --help
expect_match "--help lists -l" '-l, --line-numbers' "$OUT"
finish

# manycalls.sh - calls are 16-bit (the return lands at C + 2), so a call
# whose vector lies beyond the first 64 quads of the block moves ib around
# the jal: `ibj D; jal.i64 ra, ib64(k - D/8); ibj -D` (docs/asm.md).  The
# expansion, its relocations, and a linked program with 70 calls in one
# function (one of them to another object) that runs.
. "$GLYPH_SRC/tests/common.sh"
DUMP="$GLYPH_BUILD/tests/as/_dumpobj"

{
    echo '.globl f'; echo 'f:'
    i=0; while [ $i -lt 64 ]; do echo "li a0, 0x10000000$i"; i=$((i + 1)); done
    echo 'call g'; echo 'ret'
} > t.s
run glyph-as -o t.o t.s
expect_eq "call after 64 constants: assembles" 0 "$STATUS"
run "$DUMP" -d t.o
expect_match "ib moved to the vector's 64-byte group" '^  0080: 040c +ibj 512$' "$OUT"
expect_match "the call itself stays 16-bit" '^  0082: 6010 +jal\.i64 ra, ib64\(0\)$' "$OUT"
expect_match "ib moved back where the call returns" '^  0084: fc0c +ibj -512$' "$OUT"
expect_match "pc lane: g - C" '^reloc \.const\+0x200 R_GLYPH_SUB32 \.text\+130$' "$OUT"
expect_match "ib lane: g.const - (f.const + 512)" '^reloc \.const\+0x204 R_GLYPH_ADD32 g\.const-512$' "$OUT"
expect_match "ib lane: minus f.const" '^reloc \.const\+0x204 R_GLYPH_SUB32 f\.const\+0$' "$OUT"

command -v glyph-ld >/dev/null 2>&1 && command -v glyph-run >/dev/null 2>&1 || {
    skip "glyph-ld/glyph-run not built: the program is not run"
    finish
}
cat > main.s <<'S'
    .text
    .globl _start
    .type _start, @function
_start:
    li a0, 0
    .rept 70
    call inc
    .endr
    li a1, 0x123456789      # read through the restored ib
    call inc2
    li t0, 93               # exit(a0)
    syscall
    .globl inc
    .type inc, @function
inc:
    addi.i64 a0, 1
    ret
S
cat > inc2.s <<'S'
    .globl inc2
    .type inc2, @function
inc2:
    addi.i64 a0, 2
    li t0, 0x123456789
    cmp.eq.i64 a1, t0
    b 1f
    ret
1:  addi.i64 a0, 100
    ret
S
run glyph-as -o main.o main.s
expect_eq "70 calls in one function: assembles" 0 "$STATUS"
run glyph-as -o inc2.o inc2.s
run glyph-ld -o prog main.o inc2.o
expect_eq "links" 0 "$STATUS"
run glyph-run ./prog
expect_eq "every call returns, ib restored after each (70 + 2 + 100)" 172 "$STATUS"
finish

#!/bin/sh
# `.globl f, blk` names f's immediate block blk.  The block is also
# labelled f.const, so a caller in another object (which refers to
# f.const) links without repeating the second name, a caller that does
# repeat it links too, and objdump annotates f's constants.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"
. "$GLYPH_SRC/tests/ld/_asm.sh"
need_as
printf '    .text\n    .globl f, blk\nf:\n    li a0, 0x12345678\n    ret\n' > f.s
printf '    .text\n    .globl _start\n_start:\n    call f\n    li t0, 93\n    syscall\n' > plain.s
printf '    .text\n    .globl f, blk\n    .globl _start\n_start:\n    call f\n    li t0, 93\n    syscall\n' > named.s
for x in f plain named; do glyph-as -o $x.o $x.s || not_ok "assemble $x.s"; done
run readelf -sW f.o
expect_match "blk is the block" " GLOBAL +DEFAULT +[0-9]+ blk$" "$OUT"
expect_match "f.const labels it too" " GLOBAL +DEFAULT +[0-9]+ f.const$" "$OUT"
expect_eq "same address" "$(sym f.o blk)" "$(sym f.o f.const)"
run glyph-ld -o p1 plain.o f.o
expect_eq "caller without the second name links" "0:" "$STATUS:$ERR"
run glyph-run p1
expect_eq "... and runs f with its block (exit 0x78)" 120 "$STATUS"
run glyph-ld -o p2 named.o f.o
expect_eq "caller repeating the name links" "0:" "$STATUS:$ERR"
run glyph-run p2
expect_eq "... and runs" 120 "$STATUS"
run glyph-objdump -d f.o
expect_match "objdump annotates f's constants" "movd.i64 a0, ib32\(0\) +# 0x12345678" "$OUT"
expect_match "... and its ret" "# ret$" "$OUT"
finish

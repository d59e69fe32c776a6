#!/bin/sh
# Annotations of plain constants: a 64-bit movq constant is shown as an
# unsigned hex bit pattern, a 32-bit movd/addd constant sign-extended.
. "$GLYPH_SRC/tests/common.sh"
command -v glyph-as >/dev/null 2>&1 || skip_all "glyph-as not built"
printf '    .text\n    .globl f\nf:\n    li a1, 0x123456789\n    li a2, 0xffffffff00000000\n    li a3, -100000\n    ret\n' > q.s
glyph-as -o q.o q.s || { not_ok "assemble"; finish; }
run glyph-objdump -d q.o
ann() { printf '%s\n' "$OUT" | grep "$1" | sed 's/.*# //'; }
expect_eq "movq of a positive value" "0x123456789" "$(ann 'movq.i64 a1')"
expect_eq "movq with the top bit set: unsigned" "0xffffffff00000000" "$(ann 'movq.i64.w a2')"
expect_eq "movd: sign-extended" "-0x186a0" "$(ann 'movd.i64.w a3')"
finish

#!/bin/sh
# A call whose vector lies beyond the first 64 quads of its block is
# `ibj D; jal; ibj -D`; its ib lane is block(g) - (f.const + D).  In an
# object (relocations) and in the executable, objdump names the call
# plainly ("# call g"): the block the call lands with is g's own.  A
# vector that really lands with another block is still flagged.
. "$GLYPH_SRC/tests/common.sh"
command -v glyph-as >/dev/null 2>&1 || skip_all "glyph-as not built"
{
    printf '    .text\n    .globl f\nf:\n'
    i=0
    while [ $i -lt 70 ]; do echo "    li a0, $((0x100000000 + i))"; i=$((i + 1)); done
    printf '    call g\n    ret\n'
    printf '    .globl _start\n_start:\n    call f\n    li t0, 93\n    syscall\n'
} > f.s
printf '    .text\n    .globl g\ng:\n    ret\n' > g.s
glyph-as -o f.o f.s && glyph-as -o g.o g.s && glyph-ld -o prog f.o g.o || { not_ok "build"; finish; }
run glyph-objdump -d f.o
expect_match "the call is between two ibj" "ibj 512" "$OUT"
expect_eq "object: the call after ibj is plain 'call g'" \
    "# call g" "$(printf '%s\n' "$OUT" | grep 'jal.i64' | head -1 | sed 's/.*\(# .*\)/\1/')"
run glyph-objdump -d prog
expect_eq "executable: the same" \
    "# call g" "$(printf '%s\n' "$OUT" | grep 'jal.i64' | head -1 | sed 's/.*\(# .*\)/\1/')"

# a hand-made vector whose ib lane lands elsewhere (g.const + 64): flagged
cat > h.s <<'S'
    .text
    .globl h
h:
    jal.i64 ra, ib64(0)
    .const
    .balign 64
h.const:
    .long g - h
    .long g.const + 64 - h.const
S
glyph-as -o h.o h.s || { not_ok "assemble h.s"; finish; }
run glyph-objdump -d h.o
expect_match "a vector to another block is shown with its ib" "# call g, ib g.const\+0x40" "$OUT"
finish

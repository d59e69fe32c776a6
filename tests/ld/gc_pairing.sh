#!/bin/sh
# --gc-sections keeps the immediate-block section the assembler pairs
# with every kept code section, for every naming rule of docs/asm.md:
# .text -> .const, .text.X -> .const.X, another code section NAME ->
# .const.NAME (.NAME -> .const.NAME).  Code reads its block through ib,
# with no relocation, so only this pairing keeps it.  Unpaired and
# unreferenced sections still go.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

# _start refers to the code of each function (pc lane only, like
# `la a0, f`), never to its block.
mkobj main.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 64
symbol .text local section .text 0
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol f1 global notype undef 0
symbol f2 global notype undef 0
symbol f3 global notype undef 0
symbol f4 global notype undef 0
reloc .const 0 R_GLYPH_ADD32 f1
reloc .const 0 R_GLYPH_SUB32 .text
reloc .const 8 R_GLYPH_ADD32 f2
reloc .const 8 R_GLYPH_SUB32 .text
reloc .const 16 R_GLYPH_ADD32 f3
reloc .const 16 R_GLYPH_SUB32 .text
reloc .const 24 R_GLYPH_ADD32 f4
reloc .const 24 R_GLYPH_SUB32 .text
D
mkobj funcs.o <<'D'
section .text.one ax align 2
bytes 00 00
section .const.one a align 64
zero 8
section .textfoo ax align 2
bytes 00 00
section .const.textfoo a align 64
zero 8
section mycode ax align 2
bytes 00 00
section .const.mycode a align 64
zero 8
section .dotcode ax align 2
bytes 00 00
section .const.dotcode a align 64
zero 8
section .const.orphan a align 64
zero 8
symbol f1 global func .text.one 0
symbol f1.const global object .const.one 0
symbol f2 global func .textfoo 0
symbol f2.const global object .const.textfoo 0
symbol f3 global func mycode 0
symbol f3.const global object .const.mycode 0
symbol f4 global func .dotcode 0
symbol f4.const global object .const.dotcode 0
symbol orphan.const global object .const.orphan 0
D
run glyph-ld -o prog --gc-sections main.o funcs.o
expect_eq "links" "0:" "$STATUS:$ERR"
NM=$(nm prog)
for f in f1 f2 f3 f4; do
    expect_match "$f kept (referenced)" " T $f$" "$NM"
done
expect_match ".text.one keeps .const.one" " R f1.const$" "$NM"
expect_match ".textfoo keeps .const.textfoo" " R f2.const$" "$NM"
expect_match "mycode keeps .const.mycode" " R f3.const$" "$NM"
expect_match ".dotcode keeps .const.dotcode" " R f4.const$" "$NM"
expect_eq "an unpaired, unreferenced block goes" "" "$(printf '%s\n' "$NM" | grep orphan)"

# The same names straight from the assembler, when it is built.
if command -v glyph-as >/dev/null 2>&1; then
    printf '    .section .textfoo, "ax"\n    .globl g\ng:\n    li a0, 0x123456789\n    ret\n' > g.s
    if glyph-as -o g.o g.s 2>/dev/null; then
        expect_match "glyph-as pairs .textfoo with .const.textfoo" "\.const\.textfoo" "$(readelf -SW g.o)"
    else
        not_ok "glyph-as assembles g.s"
    fi
else
    skip "glyph-as not built"
fi
finish

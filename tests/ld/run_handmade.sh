#!/bin/sh
# A program encoded by hand (lib's gl_encode through _mkobj, no
# assembler) with call vectors and a pc-relative constant written as
# ADD32/SUB32 groups across two objects: linked, it must run under
# glyph-run, call a function in the other object twice (also on a
# color-3 page), return to the right place and print a string found
# through the pc-relative constant.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"
command -v glyph-run >/dev/null 2>&1 || skip_all "glyph-run not built in $GLYPH_BUILD: linked programs cannot be run"

mkobj main.o <<'D'
section .text ax align 2
insn MOVI rc=4 imm=1            # +0  a0 = 1 (stdout)
insn LEAPC rc=5 imm=16          # +2  a1 = pc + c32(4): msg
insn MOVI rc=8 imm=6 len=4      # +4  a2 = 6
insn MOVI rc=6 imm=31           # +8  t0 = 64 (write)
insn ADDI rc=6 imm=31           # +10
insn ADDI rc=6 imm=2            # +12
insn SYSCALL                    # +14
insn MOVI rc=4 imm=5            # +18 a0 = 5
insn LJAL rc=7 imm=0            # +20 call foo (vector 0)
insn LJAL rc=7 imm=8            # +22 call foo (vector 1)
insn MOVI rc=6 imm=31           # +24 t0 = 93 (exit)
insn ADDI rc=6 imm=31           # +26
insn ADDI rc=6 imm=31           # +28
insn SYSCALL                    # +30
section .const a align 64
zero 24
symbol .text local section .text 0
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol foo global notype undef 0
symbol foo.const global notype undef 0
symbol msg global notype undef 0
reloc .const 0 R_GLYPH_ADD32 foo
reloc .const 0 R_GLYPH_SUB32 .text 20
reloc .const 4 R_GLYPH_ADD32 foo.const
reloc .const 4 R_GLYPH_SUB32 _start.const
reloc .const 8 R_GLYPH_ADD32 foo
reloc .const 8 R_GLYPH_SUB32 .text 22
reloc .const 12 R_GLYPH_ADD32 foo.const
reloc .const 12 R_GLYPH_SUB32 _start.const
reloc .const 16 R_GLYPH_ADD32 msg
reloc .const 16 R_GLYPH_SUB32 .text 2
D
lib() { # lib OUT COLOR: foo adds 1 to a0 and returns; the return
        # vector (foo - R + 2, 0) = (0, 0) needs no relocation
mkobj "$1" <<D
section .text.lib ax align 2 color $2
insn ADDI rc=4 imm=1
insn LJTL rc=7 imm=0
section .const.lib a align 64 color $2
zero 8
section .rodata a align 1
bytes 68 65 6c 6c 6f 0a
symbol foo global func .text.lib 0
symbol foo.const global object .const.lib 0
symbol msg global object .rodata 0
D
}
lib lib0.o 0
lib lib3.o 3
NL='
'
run glyph-ld -o prog main.o lib0.o
expect_eq "link" "0:" "$STATUS:$ERR"
run glyph-run ./prog
expect_eq "prints through the pc-relative constant, calls foo twice" "7|hello" "$STATUS|$OUT"

run glyph-ld -o prog3 main.o lib3.o
run glyph-run ./prog3
expect_eq "same with foo on color-3 pages" "7|hello" "$STATUS|$OUT"
expect_eq "foo is on an RX color-3 page" "RX 3" "$(seg_of prog3 $(sym prog3 foo))"

run glyph-ld -o deny --color-deny-exec=3 main.o lib3.o
run glyph-run ./deny
expect_eq "deny exec 3: the write still happened" "hello" "$OUT"
expect_match "deny exec 3: the call faults" "capability fault" "$ERR"
finish

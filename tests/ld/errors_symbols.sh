#!/bin/sh
# Undefined references and duplicate definitions: every one is listed
# with its place, the exit status is 1 and no output file is left
# (not even a stale one from an earlier link).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj main.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 8
section .data aw align 8
zero 24
symbol .text local section .text 0
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol foo global notype undef 0
symbol foo.const global notype undef 0
symbol bar global notype undef 0
symbol maybe weak notype undef 0
reloc .const 0 R_GLYPH_ADD32 foo
reloc .const 0 R_GLYPH_SUB32 .text 2
reloc .const 4 R_GLYPH_ADD32 foo.const
reloc .const 4 R_GLYPH_SUB32 _start.const
reloc .data 8 R_GLYPH_64 foo
reloc .data 0x12 R_GLYPH_32 bar
reloc .data 0 R_GLYPH_64 maybe
D
echo stale > prog
run glyph-ld -o prog main.o
expect_eq "undefined: exit status 1" 1 "$STATUS"
expect_eq "undefined: every reference listed, in order" \
"glyph-ld: error: undefined reference to 'foo' in main.o (.const+0x0, function '_start')
glyph-ld: error: undefined reference to 'foo' in main.o (.data+0x8)
glyph-ld: error: undefined reference to 'bar' in main.o (.data+0x12)" "$ERR"
expect_no_file "undefined: no output file (the stale one removed)" prog
expect_eq "undefined: no temporary left behind" "" "$(ls | grep tmp)"

# foo defined without its block: the missing foo.const is its own error.
mkobj foo.o <<'D'
section .text ax align 2
bytes 00 00
symbol foo global func .text 0
D
mkobj bar.o <<'D'
section .data aw align 8
zero 8
symbol bar global object .data 0
D
run glyph-ld -o prog main.o foo.o bar.o
expect_eq "undefined block of a defined function: reported, exit 1" \
"1|glyph-ld: error: undefined reference to 'foo.const' in main.o (.const+0x4, function '_start')" \
    "$STATUS|$ERR"
expect_no_file "undefined block: no output file" prog

mkobj a.o <<'D'
section .text ax align 2
bytes 00 00
section .data aw align 8
zero 16
symbol dup global func .text 0
symbol dup2 global object .data 0
symbol weakok weak object .data 8
D
mkobj b.o <<'D'
section .text ax align 2
bytes 00 00
section .data aw align 8
zero 16
symbol dup global func .text 0
symbol dup2 global object .data 8
symbol weakok global object .data 0
D
mkobj c.o <<'D'
section .text ax align 2
bytes 00 00
symbol dup global func .text 0
D
mkobj ok.o <<'D'
section .text ax align 2
bytes 00 00
section .const a align 64
zero 8
symbol _start global func .text 0
symbol _start.const global object .const 0
D
run glyph-ld -o prog ok.o a.o b.o c.o
expect_eq "duplicate: exit status 1" 1 "$STATUS"
expect_eq "duplicate: all listed, both files named" \
"glyph-ld: error: multiple definition of 'dup' in b.o (first defined in a.o)
glyph-ld: error: multiple definition of 'dup2' in b.o (first defined in a.o)
glyph-ld: error: multiple definition of 'dup' in c.o (first defined in a.o)" "$ERR"
expect_no_file "duplicate: no output" prog

# foo.const is only left out when foo's own error was reported at the
# same place (a call vector); here foo is only weakly referenced, so the
# reference to foo.const is the only error and must be listed.
mkobj weakfoo.o <<'D'
section .data aw align 8
zero 16
symbol foo weak notype undef 0
symbol foo.const global notype undef 0
reloc .data 0 R_GLYPH_64 foo
reloc .data 8 R_GLYPH_64 foo.const
D
run glyph-ld -o prog ok.o weakfoo.o
expect_eq "undefined foo.const with a weak foo: reported" \
    "1|glyph-ld: error: undefined reference to 'foo.const' in weakfoo.o (.data+0x8)" "$STATUS|$ERR"
expect_no_file "no output" prog

# Duplicates and undefined references together: one run lists both kinds.
mkobj needy.o <<'D'
section .data aw align 8
zero 8
symbol gone global notype undef 0
reloc .data 0 R_GLYPH_64 gone
D
run glyph-ld -o prog ok.o a.o c.o needy.o
expect_eq "duplicate and undefined in one run: both reported" \
"1|glyph-ld: error: multiple definition of 'dup' in c.o (first defined in a.o)
glyph-ld: error: undefined reference to 'gone' in needy.o (.data+0x0)" "$STATUS|$ERR"
expect_no_file "no output" prog

# Missing entry point and missing entry immediate block.
mkobj noconst.o <<'D'
section .text ax align 2
bytes 00 00
symbol _start global func .text 0
symbol main global func .text 0
D
run glyph-ld -o prog noconst.o
expect_eq "entry without .const block" \
    "1|glyph-ld: error: entry symbol '_start' has no immediate block '_start.const' (a global .const label)" \
    "$STATUS|$ERR"
expect_no_file "no output" prog
run glyph-ld -o prog -e nosuch ok.o
expect_eq "undefined entry" "1|glyph-ld: error: entry symbol 'nosuch' is not defined" "$STATUS|$ERR"
expect_no_file "no output" prog
finish

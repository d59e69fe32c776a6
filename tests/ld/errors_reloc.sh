#!/bin/sh
# Relocation errors: values that do not fit their field are reported with
# the symbols and the place (never wrapped), every one of them; the
# edges that do fit are accepted; unknown types and fields outside the
# section are errors.  Exit status 1, no output.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj start.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 8
symbol _start global func .text 0
symbol _start.const global object .const 0
D
# far: an absolute symbol 4 GiB up; near: just inside int32 of _start
mkobj far.o <<'D'
symbol far global notype abs 0x100000000
symbol top global notype abs 0xffffffff
symbol neg global notype abs 0xffffffff7fffffff
D
mkobj over.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 16
section .data aw align 8
zero 16
symbol .text local section .text 0
symbol far global notype undef 0
symbol top global notype undef 0
symbol neg global notype undef 0
reloc .const 0 R_GLYPH_ADD32 far
reloc .const 0 R_GLYPH_SUB32 .text 2
reloc .const 8 R_GLYPH_SUB32 .text
reloc .const 8 R_GLYPH_ADD32 neg -1
reloc .data 0 R_GLYPH_32 far
reloc .data 4 R_GLYPH_PC32 far
reloc .data 8 R_GLYPH_32 neg -2
D
run glyph-ld -o prog start.o far.o over.o
expect_eq "overflow: exit status 1" 1 "$STATUS"
line() { printf '%s\n' "$ERR" | sed -n "$1p"; }
expect_eq "overflow: five errors, one per relocation" 5 "$(printf '%s\n' "$ERR" | wc -l)"
expect_match "ADD32 group: symbols, place, field" \
    "^glyph-ld: error: over\.o \(\.const\+0x0\): relocation R_GLYPH_ADD32 overflow: far - \(\.text \+ 0x2\) = [0-9]+ \(0x[0-9a-f]+\) does not fit int32$" \
    "$(line 1)"
V=$(line 1 | sed -E 's/.* = ([0-9]+) \((0x[0-9a-f]+)\).*/\1 \2/')
expect_eq "ADD32 group: decimal and hex agree, above INT32_MAX" 1 $(( ${V% *} == ${V#* } && ${V% *} > 2147483647 ))
expect_match "SUB32-first group below INT32_MIN" \
    "^glyph-ld: error: over\.o \(\.const\+0x8\): relocation R_GLYPH_SUB32 overflow: -\.text \+ neg - 0x1 = -[0-9]+ \(0x[0-9a-f]+\) does not fit int32$" \
    "$(line 2)"
expect_eq "R_GLYPH_32 above UINT32_MAX" \
    "glyph-ld: error: over.o (.data+0x0): relocation R_GLYPH_32 overflow: far = 4294967296 (0x100000000) does not fit int32 or uint32" \
    "$(line 3)"
expect_match "R_GLYPH_PC32" \
    "^glyph-ld: error: over\.o \(\.data\+0x4\): relocation R_GLYPH_PC32 overflow: far = [0-9]+ \(0x[0-9a-f]+\) does not fit int32 \(pc-relative\)$" \
    "$(line 4)"
expect_eq "R_GLYPH_32 below INT32_MIN" \
    "glyph-ld: error: over.o (.data+0x8): relocation R_GLYPH_32 overflow: neg - 0x2 = -2147483651 (0xffffffff7ffffffd) does not fit int32 or uint32" \
    "$(line 5)"
expect_no_file "overflow: no output" prog

# The edges: int32 max / min in a group, uint32 max in R_GLYPH_32.
mkobj edge.o <<'D'
section .data aw align 8
zero 16
symbol dstart local object .data 0
symbol top global notype undef 0
symbol neg global notype undef 0
symbol far global notype undef 0
reloc .data 0 R_GLYPH_32 top
reloc .data 4 R_GLYPH_ADD32 far -0x80000001
reloc .data 4 R_GLYPH_SUB32 top
reloc .data 8 R_GLYPH_ADD32 top 0
reloc .data 8 R_GLYPH_SUB32 far -0x80000000
D
run glyph-ld -o edge start.o far.o edge.o
expect_eq "edges link" "0:" "$STATUS:$ERR"
D=$(sym edge dstart)
expect_eq "R_GLYPH_32 takes 0xffffffff" 4294967295 "$(peek edge u32 $((D)))"
expect_eq "ADD32/SUB32 group = INT32_MIN" -2147483648 "$(peek edge i32 $((D + 4)))"
expect_eq "ADD32/SUB32 group = INT32_MAX" 2147483647 "$(peek edge i32 $((D + 8)))"

mkobj mixed.o <<'D'
section .data aw align 8
zero 16
symbol top global notype undef 0
reloc .data 0 R_GLYPH_ADD32 top
reloc .data 0 R_GLYPH_SUB64 top
D
run glyph-ld -o prog start.o far.o mixed.o
expect_eq "mixed-width group" \
    "1|glyph-ld: error: mixed.o (.data+0x0): relocation group mixes 32- and 64-bit ADD/SUB (R_GLYPH_ADD32 and R_GLYPH_SUB64)" \
    "$STATUS|$ERR"
expect_no_file "no output" prog

# A group must be consecutive: the same offset again after another
# relocation would silently overwrite the first part.
mkobj split.o <<'D'
section .data aw align 8
zero 16
reloc .data 0 R_GLYPH_ADD32 #0 5
reloc .data 8 R_GLYPH_ADD32 #0 6
reloc .data 0 R_GLYPH_SUB32 #0 1
D
run glyph-ld -o prog start.o split.o
expect_eq "split group" \
    "1|glyph-ld: error: split.o (.data+0x0): relocation group is split (entries 1 and 3 of .rela.data both start a group here): the ADD/SUB entries of a group must be consecutive" \
    "$STATUS|$ERR"
expect_no_file "no output" prog

mkobj unknown.o <<'D'
section .data aw align 8
zero 16
symbol top global notype undef 0
reloc .data 8 99 top
reloc .data 0 R_GLYPH_64 top
reloc .data 4 200 top
D
run glyph-ld -o prog start.o far.o unknown.o
expect_eq "unknown relocation types: exit 1" 1 "$STATUS"
expect_eq "unknown relocation types: each reported" \
"glyph-ld: error: unknown.o: unknown relocation type 99 at .data+0x8
glyph-ld: error: unknown.o: unknown relocation type 200 at .data+0x4" "$ERR"
expect_no_file "no output" prog

mkobj outside.o <<'D'
section .data aw align 8
zero 8
symbol top global notype undef 0
reloc .data 4 R_GLYPH_64 top
reloc .data 0x100 R_GLYPH_32 top
D
run glyph-ld -o prog start.o far.o outside.o
expect_eq "relocation fields outside the section" \
"1|glyph-ld: error: outside.o: relocation R_GLYPH_64 at .data+0x4 lies outside the section (size 0x8)
glyph-ld: error: outside.o: relocation R_GLYPH_32 at .data+0x100 lies outside the section (size 0x8)" "$STATUS|$ERR"
expect_no_file "no output" prog
finish

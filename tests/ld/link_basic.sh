#!/bin/sh
# Two objects: a cross-object call vector, a pc-relative constant, a
# 64-bit ADD/SUB group, data relocations (64, 32, PC32) and .bss; every
# relocated value is checked against addresses read back with nm.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj main.o <<'D'
section .text ax align 2
bytes 00 00 00 00 00 00 00 00
section .const a align 64
zero 24
section .data aw align 8
zero 16
symbol .text local section .text 0
symbol dstart local object .data 0
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol foo global notype undef 0
symbol foo.const global notype undef 0
symbol msg global notype undef 0
symbol counter global notype undef 0
symbol bar global notype undef 0
# call foo at .text+2: (foo - C, foo.const - Cib)
reloc .const 0 R_GLYPH_ADD32 foo
reloc .const 0 R_GLYPH_SUB32 .text 2
reloc .const 4 R_GLYPH_ADD32 foo.const
reloc .const 4 R_GLYPH_SUB32 _start.const
# la msg read by the instruction at .text+4: msg - insn
reloc .const 8 R_GLYPH_ADD32 msg
reloc .const 8 R_GLYPH_SUB32 .text 4
# 64-bit group: bar - _start + 0x10
reloc .const 16 R_GLYPH_ADD64 bar 0x10
reloc .const 16 R_GLYPH_SUB64 _start
reloc .data 0 R_GLYPH_64 counter 8
reloc .data 8 R_GLYPH_32 msg
reloc .data 12 R_GLYPH_PC32 foo -4
D
mkobj lib.o <<'D'
section .text ax align 2
bytes 00 00 00 00 00 00
section .const a align 8
zero 8
section .rodata a align 1
bytes 78 68 65 6c 6c 6f 00
section .bss nobits aw align 8
zero 16
symbol bar global func .text 0
symbol foo global func .text 2
symbol foo.const global object .const 0
symbol msg global object .rodata 1 6
symbol counter global object .bss 0 16
D

run glyph-ld -o prog main.o lib.o
expect_eq "link exits 0" 0 "$STATUS"
expect_eq "no diagnostics" "" "$ERR"
expect_eq "output is mode 755" 755 "$(stat -c %a prog)"

S=$(sym prog _start); SC=$(sym prog _start.const); F=$(sym prog foo); FC=$(sym prog foo.const)
M=$(sym prog msg); C=$(sym prog counter); B=$(sym prog bar); D=$(sym prog dstart)
expect_eq "e_entry is _start" $((S)) $(( $(readelf -h prog | awk '/Entry point/ {print $4}') ))
expect_eq "entry ib note is _start.const" "$(printf %x $((SC)))" "$(peek prog entry_ib x)"
expect_eq "first segment at the default base 0x10000" "10000" \
    "$("$PEEK" prog phdrs | awk '$1 == "LOAD" {print $2; exit}')"
expect_eq "_start.const is 64-byte aligned" 0 $((SC % 64))
expect_eq "foo.const is 64-byte aligned (input said 8)" 0 $((FC % 64))
expect_eq "foo is bar+2 (same input section)" $((B + 2)) $((F))

expect_eq "call vector pc lane = foo - (_start+2)" "$(i32 "$F - ($S + 2)")" "$(peek prog i32 $((SC)))"
expect_eq "call vector ib lane = foo.const - _start.const" "$(i32 "$FC - $SC")" "$(peek prog i32 $((SC + 4)))"
expect_eq "pc-relative constant = msg - (_start+4)" "$(i32 "$M - ($S + 4)")" "$(peek prog i32 $((SC + 8)))"
expect_eq "64-bit group = bar + 0x10 - _start" $((B + 16 - S)) "$(peek prog i64 $((SC + 16)))"
expect_eq "R_GLYPH_64 = counter + 8" $((C + 8)) "$(peek prog u64 $((D)))"
expect_eq "R_GLYPH_32 = msg" $((M)) "$(peek prog u32 $((D + 8)))"
expect_eq "R_GLYPH_PC32 = foo - 4 - P" "$(i32 "$F - 4 - ($D + 12)")" "$(peek prog i32 $((D + 12)))"
expect_eq "rodata bytes copied" "xhello" "$(readelf -p .rodata prog | awk '/\]/ {print $3}')"
expect_eq "msg is .rodata+1" $(( 0x$("$PEEK" prog sections | awk '$1 == ".rodata" {print $2}') + 1 )) $((M))

expect_eq ".text is in an R+X color-0 segment" "RX 0" "$(seg_of prog $((S)))"
expect_eq ".const is in an R color-0 segment" "R 0" "$(seg_of prog $((SC)))"
expect_eq ".rodata is in an R color-0 segment" "R 0" "$(seg_of prog $((M)))"
expect_eq ".data is in an R+W color-0 segment" "RW 0" "$(seg_of prog $((D)))"
expect_eq ".bss is in an R+W color-0 segment" "RW 0" "$(seg_of prog $((C)))"
expect_eq "segments page-aligned, no shared pages" "" "$(segment_problems prog)"
expect_eq ".bss is NOBITS" "nobits" "$("$PEEK" prog sections | awk '$1 == ".bss" {print $4}')"
expect_match "PT_NOTE and PT_GNU_STACK present" "NOTE.*STACK" "$("$PEEK" prog phdrs | awk '{printf "%s ", $1}')"
expect_eq "three PT_LOAD (R, RX, RW)" 3 "$(readelf -lW prog | grep -c ' LOAD ')"

# The default output name.
run glyph-ld main.o lib.o
expect_eq "default output a.out" "0 yes" "$STATUS $([ -x a.out ] && echo yes)"
finish

#!/bin/sh
# Symbols the linker defines when a program refers to them: _etext,
# _edata, __bss_start, _end; and no definition when nothing refers to
# them or an object defines them itself.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj main.o <<'D'
section .text ax align 2
bytes 00 00 00 00 00 00
section .const a align 64
zero 8
section .data aw align 8
zero 32
section .bss nobits aw align 16
zero 40
symbol dstart local object .data 0
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol _etext global notype undef 0
symbol _edata global notype undef 0
symbol __bss_start global notype undef 0
symbol _end global notype undef 0
reloc .data 0 R_GLYPH_64 _etext
reloc .data 8 R_GLYPH_64 _edata
reloc .data 16 R_GLYPH_64 __bss_start
reloc .data 24 R_GLYPH_64 _end
D
run glyph-ld -o prog main.o
expect_eq "link" "0:" "$STATUS:$ERR"
SECS=$("$PEEK" prog sections)
end_of() { printf '%s\n' "$SECS" | awk -v n="$1" '$1 == n {print "0x" $2 " + 0x" $3}'; }
D=$(sym prog dstart)
expect_eq "_etext = end of .text" $(( $(end_of .text) )) "$(peek prog u64 $((D)))"
expect_eq "_edata = end of .data" $(( $(end_of .data) )) "$(peek prog u64 $((D + 8)))"
expect_eq "__bss_start = start of .bss" $(( 0x$(printf '%s\n' "$SECS" | awk '$1 == ".bss" {print $2}') )) "$(peek prog u64 $((D + 16)))"
expect_eq "_end = end of .bss" $(( $(end_of .bss) )) "$(peek prog u64 $((D + 24)))"

mkobj own.o <<'D'
section .data aw align 8
zero 8
symbol _end global object .data 0
D
run glyph-ld -o prog2 main.o own.o
expect_eq "an object's own _end wins" $(( 0x$(printf '%s\n' "$("$PEEK" prog2 sections)" | awk '$1 == ".data" {print $2}') + 32 )) \
    "$(peek prog2 u64 $(( $(sym prog2 dstart) + 24 )))"
finish

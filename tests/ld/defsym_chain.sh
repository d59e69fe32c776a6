#!/bin/sh
# --defsym whose target is another --defsym: the value follows the chain
# whatever the order on the command line (as GNU ld), and a cycle is an
# error naming the symbols, not a silent 0.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj s.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 8
section .data aw align 8
zero 16
symbol dstart local object .data 0
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol a global notype undef 0
symbol c global notype undef 0
reloc .data 0 R_GLYPH_64 a
reloc .data 8 R_GLYPH_64 c
D

run glyph-ld -o p1 s.o --defsym a=b+4 --defsym b=c-1 --defsym c=0x100
expect_eq "chain defined later on the command line: links" "0:" "$STATUS:$ERR"
expect_eq "a = b + 4 = (c - 1) + 4 = 0x103" 259 "$(peek p1 u64 $(sym p1 dstart))"
expect_eq "c = 0x100" 256 "$(peek p1 u64 $(( $(sym p1 dstart) + 8 )))"
expect_eq "b in the symbol table" 0xff "$(sym p1 b | sed 's/^0x0*/0x/')"

run glyph-ld -o p2 s.o --defsym c=0x100 --defsym b=c-1 --defsym a=b+4
expect_eq "same chain in order: same value" "0 259" "$STATUS $(peek p2 u64 $(sym p2 dstart))"

run glyph-ld -o p3 s.o --defsym a=_start+2 --defsym c=a
expect_eq "defsym of a defsym of an object symbol" "0 $(( $(sym p3 _start) + 2 ))" \
    "$STATUS $(peek p3 u64 $(( $(sym p3 dstart) + 8 )))"

run glyph-ld -o p4 s.o --defsym a=c --defsym c=a+1
expect_eq "a cycle is an error" \
"1|glyph-ld: error: --defsym a: circular definition (a = c, c = a+1)
glyph-ld: error: --defsym c: circular definition (c = a+1, a = c)" "$STATUS|$ERR"
expect_no_file "cycle: no output" p4
run glyph-ld -o p5 s.o --defsym a=a --defsym c=1
expect_eq "a symbol defined as itself" "1|glyph-ld: error: --defsym a: circular definition (a = a)" \
    "$STATUS|$ERR"
finish

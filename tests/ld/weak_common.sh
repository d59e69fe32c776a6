#!/bin/sh
# Weak and common symbols: a global definition beats a weak one in
# either order; of two weak definitions the first wins; commons merge to
# the largest size and alignment in .bss; a global definition beats a
# common, a common beats a weak definition; weak undefined is 0.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj start.o <<'D'
section .text ax align 2
bytes 00 00
section .const a align 64
zero 8
section .data aw align 8
zero 8
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol nothere weak notype undef 0
reloc .data 0 R_GLYPH_64 nothere 5
D
def() { # def FILE SYM BIND VALUE-BYTE
    printf 'section .data aw align 8\nbytes %s 00 00 00\nsymbol %s %s object .data 0 4\n' "$4" "$2" "$3" | mkobj "$1"
}
common() { # common FILE SYM SIZE ALIGN
    printf 'symbol %s global object common %s %s\n' "$2" "$4" "$3" | mkobj "$1"
}
byte_at() { peek "$1" u32 "$(sym "$1" "$2")"; }

def weak1.o x weak 11
def weak2.o x weak 22
def strong.o x global 33
run glyph-ld -o p1 start.o weak1.o strong.o
expect_eq "weak then global: global wins" "0 51" "$STATUS $(byte_at p1 x)"
run glyph-ld -o p2 start.o strong.o weak1.o
expect_eq "global then weak: global wins (0x33)" "0 51" "$STATUS $(byte_at p2 x)"
run glyph-ld -o p3 start.o weak2.o weak1.o
expect_eq "two weak: the first wins (0x22)" "0 34" "$STATUS $(byte_at p3 x)"
expect_match "x stays weak in the output" " V x$| W x$" "$(nm p3)"

common c1.o buf 16 8
common c2.o buf 64 32
common c3.o buf 8 4
run glyph-ld -o p4 start.o c1.o c2.o c3.o
expect_eq "commons link" 0 "$STATUS"
B=$(sym p4 buf)
expect_eq "common lands in .bss (RW)" "RW 0" "$(seg_of p4 $((B)))"
expect_eq "largest alignment wins (32)" 0 $((B % 32))
expect_eq "largest size wins (64)" 64 "$(readelf -sW p4 | awk '$8 == "buf" {print $3}')"
BSS=$("$PEEK" p4 sections | awk '$1 == ".bss" {print $2 " " $3}')
expect_eq "buf lies inside .bss" 1 $(( B >= 0x${BSS% *} && B + 64 <= 0x${BSS% *} + 0x${BSS#* } ))

def sdef.o buf global 44
run glyph-ld -o p5 start.o c1.o sdef.o c2.o
expect_eq "global definition beats common" "0 68" "$STATUS $(byte_at p5 buf)"
expect_eq "... and sits in .data" "RW 0" "$(seg_of p5 $(sym p5 buf))"
expect_eq "... with its own size" 4 "$(readelf -sW p5 | awk '$8 == "buf" {print $3}')"

def wdef.o buf weak 55
run glyph-ld -o p6 start.o wdef.o c2.o
expect_eq "common beats weak definition: size 64" "0 64" \
    "$STATUS $(readelf -sW p6 | awk '$8 == "buf" {print $3}')"
expect_eq "weak undefined + 5 = 5" 5 "$(peek p6 u64 0x$("$PEEK" p6 sections | awk '$1 == ".data" {print $2}'))"
finish

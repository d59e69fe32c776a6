#!/bin/sh
# A far jump (`j other`, link fun3 0) to a function in another object:
# both lanes of its vector are checked against the linked symbol
# addresses (pc lane other - J, ib lane other.const - _start.const), and
# the program runs: `other` exits with the a0 that _start set.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"
. "$GLYPH_SRC/tests/ld/_asm.sh"
need_as

cat > j1.s <<'S'
    .text
    .globl _start
    .type _start, @function
_start:
    li a0, 3
    j other
S
cat > j2.s <<'S'
    .text
    .globl other
    .type other, @function
other:
    la t1, counter
    li t0, 93
    syscall
    .bss
    .globl counter
counter: .zero 8
S
glyph-as -o j1.o j1.s && glyph-as -o j2.o j2.s || { not_ok "assemble"; finish; }
expect_match "j1.o leaves the jump vector to the linker" "other" "$(readelf -rW j1.o)"

run glyph-ld -o prog j2.o j1.o
expect_eq "link" "0:" "$STATUS:$ERR"
S=$(sym prog _start); SC=$(sym prog _start.const); O=$(sym prog other); OC=$(sym prog other.const)
# the jump is the second instruction: li a0, 3 is one 16-bit packet (if
# this were wrong the pc lane below would not match, nor would the run)
J=$((S + 2))
expect_eq "pc lane = other - J" "$(i32 "$O - $J")" "$(peek prog i32 $((SC)))"
expect_eq "ib lane = other.const - _start.const" "$(i32 "$OC - $SC")" "$(peek prog i32 $((SC + 4)))"
expect_eq "counter in .bss, RW color 0" "RW 0" "$(seg_of prog $(sym prog counter))"
if command -v glyph-run >/dev/null 2>&1; then
    run glyph-run ./prog
    expect_eq "runs: exit status set before the jump" 3 "$STATUS"
else
    skip "glyph-run not built"
fi
finish

#!/bin/sh
# Programs from glyph assembly (glyph-as): cross-object call, ret, tail
# and la; every ADD/SUB group the assembler left for the linker is
# recomputed here from the relocations (readelf -r) and the symbol
# addresses of the output (nm) and compared with the linked bytes.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"
. "$GLYPH_SRC/tests/ld/_asm.sh"
need_as
write_sources || { not_ok "assemble the test sources"; finish; }

run glyph-ld -o prog main.o greet.o finish.o vault.o
expect_eq "link exits 0" "0:" "$STATUS:$ERR"

# check_groups OBJ TEXT CONST: TEXT/CONST are where OBJ's .text and
# .const landed (the addresses of its first function and first block).
check_groups() {
    bad=0; n=0
    readelf -rW "$1" | awk '/^Relocation section/ { sec = $3 }
        /^[0-9a-f]+ +[0-9a-f]+ / { print sec, $1, substr($2, length($2) - 7), $(NF - 2), $(NF - 1), $NF }' > rel.txt
    prev=""; sum=0; width=4
    flush() {
        [ -n "$prev" ] || return 0
        n=$((n + 1))
        if [ "$width" = 4 ]; then got=$(peek prog i32 $(( $3 + 0x$prev ))); want=$(i32 "$sum")
        else got=$(peek prog i64 $(( $3 + 0x$prev ))); want=$sum; fi
        [ "$got" = "$want" ] || { bad=$((bad + 1)); echo "# $1 .const+0x$prev: want $want got $got"; }
    }
    while read -r sec off type name sign add; do
        case "$sec" in "'.rela.const"*) ;; *) continue ;; esac
        if [ "$off" != "$prev" ]; then flush "$1" "$2" "$3"; prev=$off; sum=0; fi
        case "$name" in
        .text|.text.*) s=$2 ;;
        .const|.const.*) s=$3 ;;
        *) s=$(sym prog "$name") ;;
        esac
        v=$(( s ${sign} 0x$add ))
        case $((0x$type)) in
        4) sum=$((sum + v)); width=4 ;;
        5) sum=$((sum - v)); width=4 ;;
        6) sum=$((sum + v)); width=8 ;;
        7) sum=$((sum - v)); width=8 ;;
        *) echo "# unexpected relocation type $type"; bad=$((bad + 1)) ;;
        esac
    done < rel.txt
    flush "$1" "$2" "$3"
    echo "$n groups, $bad wrong"
}
expect_eq "main.o: _start is the start of its .text" 0 "$(nm main.o | awk '$3 == "_start" {print $1 + 0}')"
R=$(check_groups main.o $(sym prog _start) $(sym prog _start.const))
expect_match "main.o: all call/tail/la groups right" "^([1-9][0-9]*) groups, 0 wrong$" "$(printf '%s\n' "$R" | tail -1)"
R=$(check_groups greet.o $(sym prog greet) $(sym prog greet.const))
expect_match "greet.o: la msg and the tail vector right" "^([1-9][0-9]*) groups, 0 wrong$" "$(printf '%s\n' "$R" | tail -1)"
R=$(check_groups vault.o $(sym prog vault) $(sym prog vault.const))
expect_match "vault.o: la secret (color 3 to color 3) right" "^([1-9][0-9]*) groups, 0 wrong$" "$(printf '%s\n' "$R" | tail -1)"

# The call vector by hand, once: the first call in _start is at _start+0.
S=$(sym prog _start); SC=$(sym prog _start.const); G=$(sym prog greet); GC=$(sym prog greet.const)
expect_eq "call greet: pc lane = greet - _start" "$(i32 "$G - $S")" "$(peek prog i32 $((SC)))"
expect_eq "call greet: ib lane = greet.const - _start.const" "$(i32 "$GC - $SC")" "$(peek prog i32 $((SC + 4)))"

expect_eq "vault code in an RX color-3 segment" "RX 3" "$(seg_of prog $(sym prog vault))"
expect_eq "vault.const block in an R color-3 segment" "R 3" "$(seg_of prog $(sym prog vault.const))"
expect_eq "secret in an RW color-3 segment" "RW 3" "$(seg_of prog $(sym prog secret))"
expect_eq "segments page-aligned, no shared pages" "" "$(segment_problems prog)"
expect_eq "entry ib = _start.const" "$(printf %x $((SC)))" "$("$PEEK" prog entry_ib)"

# The same objects through an archive, and with --gc-sections.
ar rcs libg.a greet.o finish.o vault.o
run glyph-ld -o prog2 --gc-sections main.o -L. -lg
expect_eq "link against an archive with --gc-sections" "0:" "$STATUS:$ERR"
expect_eq "same code bytes as the plain link" "$(readelf -x .text prog | tail -n +2)" "$(readelf -x .text prog2 | tail -n +2)"
expect_eq "same constants" "$(readelf -x .const prog | tail -n +2)" "$(readelf -x .const prog2 | tail -n +2)"

run glyph-ld -o prog3 main.o greet.o vault.o
expect_eq "missing finish.o: each missing symbol once per function, at the instruction that reads the constant" \
"1|glyph-ld: error: undefined reference to 'finish' in main.o (.text+0x10 \`addd.i64 t0, ib32(7)\`, function '_start')
glyph-ld: error: undefined reference to 'msg' in greet.o (.text+0x2 \`lea.i64 a1, ib32(0)(pc)\`, function 'greet')" \
    "$STATUS|$ERR"
expect_no_file "no output" prog3

# A call beyond the first 64 quads (ibj D; jal; ibj -D): the vector is
# found through the moved ib, and the jal named.
{
    printf '    .text\n    .globl _start\n_start:\n'
    i=0
    while [ $i -lt 70 ]; do echo "    li a0, $((0x100000000 + i))"; i=$((i + 1)); done
    printf '    call nowhere\n    li t0, 93\n    syscall\n'
} > far.s
glyph-as -o far.o far.s
OFF=$(glyph-objdump -d far.o | awk '/jal.i64/ {sub(":", "", $1); print $1; exit}')
run glyph-ld -o prog4 far.o
expect_eq "undefined call after ibj: reported at the jal" \
    "1|glyph-ld: error: undefined reference to 'nowhere' in far.o (.text+0x$OFF \`jal.i64 ra, ib64(6)\`, function '_start')" \
    "$STATUS|$ERR"
finish

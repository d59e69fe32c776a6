# flags.sh - every register-only op (from isa.def, listed by _optab)
# behaves as its flags column says: run once with flag = 0 and once with
# flag = 1 before it.  An op that reads flag gives different registers;
# one that does not gives the same.  An op that writes flag (and does
# not read it) leaves the same flag both times; one that does not write
# it leaves flag as it was.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"
OPTAB="$GLYPH_BUILD/tests/run/_optab"

# one FLAG MNEMONIC OPERANDS: registers and flag after the op, in one.dump
one() {
    # cmp.eq a0, a0 sets flag; cmp.ne clears it; a0..a2 = -5, 3, 2
    printf '.text\n    movi.i64 a0, -5\n    movi.i64 a1, 3\n    movi.i64 a2, 2\n    cmp.%s.i64 a0, a0\n    %s %s\n    break 0\n.const\n    .quad 0\n' \
        "$1" "$2" "$3" > one.s
    "$MKEXE" -o one one.s 2> one.err || { echo "build: $(cat one.err)"; return; }
    "$EMU" --dump-regs ./one 2>&1 | grep -E '^(r[0-9]+|flag)='
}

"$OPTAB" > ops || { not_ok "_optab lists the ops"; finish; }
[ -s ops ] || { not_ok "_optab lists the ops"; finish; }
while IFS='|' read -r mn args rd wr; do
    one ne "$mn" "$args" > f0
    one eq "$mn" "$args" > f1
    grep -v '^flag=' f0 > r0
    grep -v '^flag=' f1 > r1
    fl0=$(sed -n 's/^flag=0x0*//p' f0); fl1=$(sed -n 's/^flag=0x0*//p' f1)
    if cmp -s r0 r1; then differs=0; else differs=1; fi
    expect_eq "$mn: registers depend on flag (reads flag: $rd)" "$rd" "$differs"
    if [ "$wr" = 1 ] && [ "$rd" = 0 ]; then
        expect_eq "$mn: writes flag, whatever it was" "$fl0" "$fl1"
    elif [ "$wr" = 0 ]; then
        expect_eq "$mn: leaves flag alone" "/1" "$fl0/$fl1"
    fi
done < ops
finish

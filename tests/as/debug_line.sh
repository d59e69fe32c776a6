# debug_line.sh - `glyph-as -g` (DWARF 5) and `--gdwarf-4` write a line
# table that binutils decodes to the source: each instruction's offset
# with its file and line, .include'd files and macro bodies included;
# the code itself is the same with and without -g.
. "$GLYPH_SRC/tests/common.sh"
DUMP="$GLYPH_BUILD/tests/as/_dumpobj"
command -v objdump >/dev/null && command -v readelf >/dev/null ||
    skip_all "binutils objdump/readelf not installed"

cat > part.s <<'S'
    addi.i64 a0, 2
    addi.i64 a0, 3
S
cat > t.s <<'S'
    .macro twice r
    addi.i64 \r, 1
    addi.i64 \r, 1
    .endm
    .text
    .globl main
main:
    li a0, 5
    .include "part.s"

    twice a1
    ret

    .section .text.two
    .globl two
two:
    nop
    ret
S
# "file line offset" of each row binutils decodes, sequence ends left out
rows() {
    objdump --dwarf=decodedline "$1" 2>/dev/null |
        awk '$1 ~ /\.s$/ && $2 ~ /^[0-9]+$/ { print $1, $2, $3 }'
}
want='t.s 8 0
part.s 1 0x2
part.s 2 0x4
t.s 2 0x6
t.s 3 0x8
t.s 12 0xa
t.s 17 0
t.s 18 0x2'

for opt in -g --gdwarf-4; do
    run glyph-as $opt -o t.o t.s
    expect_eq "$opt: assembles" "0:" "$STATUS:$ERR"
    expect_eq "$opt: objdump --dwarf=decodedline gives each instruction's line" "$want" "$(rows t.o)"
    run readelf --debug-dump=line t.o
    expect_match "$opt: readelf decodes the table" 'Special opcode' "$OUT"
    expect_match "$opt: .include'd file has its own entry" 'part\.s' "$OUT"
    run readelf --debug-dump=info t.o
    expect_match "$opt: a compile unit naming the source" 'DW_AT_name +: t\.s' "$OUT"
    expect_match "$opt: DW_AT_comp_dir" "DW_AT_comp_dir +: $(pwd)" "$OUT"
    expect_match "$opt: two code sections: ranges" 'DW_AT_ranges' "$OUT"
    expect_eq "$opt: the ranges: .text (12 bytes), .text.two (4), the end" \
        "0000000000000000 000000000000000c
0000000000000000 0000000000000004
<End of list>" "$(readelf --debug-dump=Ranges t.o 2>/dev/null |
                  awk '/^ +[0-9a-f]+ / { $1 = ""; sub(/^ /, ""); sub(/ +$/, ""); print }')"
done
run readelf --debug-dump=line t.o
expect_match "--gdwarf-4 writes version 4" 'DWARF Version: +4' "$OUT"
glyph-as -g -o t5.o t.s
expect_match "-g writes version 5" 'DWARF Version: +5' "$(readelf --debug-dump=line t5.o 2>&1)"

# relocations tie the table to the code sections
run readelf -r t5.o
expect_eq "each sequence's set_address: R_GLYPH_64 (type 1) against its section" \
    "1 .text+0
1 .text.two+0" "$(echo "$OUT" | sed -n '/rela.debug_line/,/^$/p' |
                awk '$6 ~ /^\.text/ { print $4, $6 "+" $8 }')"

# the code is what it is without -g; without -g there is no .debug_*
glyph-as -o plain.o t.s
for s in .text .text.two .const; do
    expect_eq "$s is the same with -g" "$("$DUMP" -s $s plain.o)" "$("$DUMP" -s $s t5.o)"
done
expect_eq "without -g no debug sections" "" "$(readelf -S plain.o | grep debug)"

# one code section: low_pc/high_pc
printf '    .text\nf:\n    nop\n    ret\n' > one.s
glyph-as -g -o one.o one.s
run readelf --debug-dump=info one.o
expect_match "one code section: DW_AT_high_pc" 'DW_AT_high_pc +: 0x4' "$OUT"
expect_eq "one code section: lines 3 and 4" 'one.s 3 0
one.s 4 0x2' "$(rows one.o)"

# a source that has a .debug_line of its own cannot take -g's
printf '    .section .debug_line\n    .byte 1\n' > own.s
run glyph-as -g -o own.o own.s
expect_match "own .debug_line with -g: an error" 'writes .debug_line' "$ERR"
expect_no_file "own .debug_line: no object" own.o
finish

# debug_lines.sh - glyph-ld keeps the inputs' .debug_* sections, with
# linked addresses and per-input offsets, so the executable's line
# table maps linked addresses to source lines; link errors about code
# name the source line (FILE:LINE:) when the object has line info, and
# stay as they were without it; a malformed .debug_line is a warning.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_asm.sh"
need_as
command -v objdump >/dev/null && command -v readelf >/dev/null ||
    skip_all "binutils objdump/readelf not installed"

cat > s.s <<'S'
    .text
    .globl _start
_start:
    li a0, 1
    call main
    li t0, 93
    syscall
S
cat > t.s <<'S'
    .text
    .globl main
main:
    li a0, 5
    addi.i64 a0, 1
    call helper
    ret

    .section .text.unused
    .globl unused
unused:
    nop
    ret
S
printf '    .text\n    .globl helper\nhelper:\n    ret\n' > h.s
glyph-as -g -o s.o s.s && glyph-as -g -o t.o t.s && glyph-as -g -o h.o h.s

rows() {
    objdump --dwarf=decodedline "$1" 2>/dev/null |
        awk '$1 ~ /\.s$/ && $2 ~ /^[0-9]+$/ { print $1, $2, $3 }'
}
addr() { nm "$1" | awk -v s="$2" '$3 == s { print "0x" $1 }'; }

run glyph-ld -o app s.o t.o h.o
expect_eq "links" "0:" "$STATUS:$ERR"
for s in .debug_line .debug_info .debug_abbrev .debug_rnglists; do
    expect_match "$s kept" "\\$s " "$(readelf -S app)"
done
expect_eq "debug sections are not loaded" "" "$(readelf -lW app | grep debug)"
M=$(addr app main) S=$(addr app _start) H=$(addr app helper) U=$(addr app unused)
want=$(printf 's.s 4 %#x\ns.s 5 %#x\ns.s 6 %#x\ns.s 7 %#x\nt.s 4 %#x\nt.s 5 %#x\nt.s 6 %#x\nt.s 7 %#x\nt.s 12 %#x\nt.s 13 %#x\nh.s 4 %#x' \
    $S $((S + 2)) $((S + 4)) $((S + 8)) $M $((M + 2)) $((M + 4)) $((M + 6)) $U $((U + 2)) $H)
expect_eq "the executable's line table: linked addresses to source lines" "$want" "$(rows app)"
run readelf --debug-dump=line app
expect_eq "readelf reads the executable's table without complaint" "" "$ERR"
# DW_AT_stmt_list of each unit is the offset of its own line table
units=$(readelf --debug-dump=line app | awk '$1 == "Offset:" { printf "%#x\n", $2 }')
stmts=$(readelf --debug-dump=info app | awk '/DW_AT_stmt_list/ { printf "%#x\n", $NF }')
expect_eq "each unit's DW_AT_stmt_list points at its part of .debug_line" "$units" "$stmts"
expect_eq "three units" 3 "$(echo "$stmts" | wc -l)"

# the map lists each input's part of the debug sections
run glyph-ld -M -o app s.o t.o h.o
tl=$(printf '%s\n' "$OUT" | awk '$3 == "t.o(.debug_line)" { print $1 }')
expect_eq "map: t.o's part of .debug_line is where its unit starts" \
    "$(printf '%s\n' "$units" | sed -n 2p)" "$(printf '%#x' "$tl")"

# DWARF 4 (.debug_ranges) links the same way
glyph-as --gdwarf-4 -o s4.o s.s && glyph-as --gdwarf-4 -o t4.o t.s && glyph-as --gdwarf-4 -o h4.o h.s
run glyph-ld -o app4 s4.o t4.o h4.o
expect_eq "DWARF 4: the same line table" "$want" "$(rows app4)"
expect_match "DWARF 4: t.o's ranges hold linked addresses" \
    "$(printf '%016x %016x' $M $((M + 8)))" "$(readelf --debug-dump=Ranges app4 2>&1)"

# --gc-sections: the dropped section's sequence goes to address 0
run glyph-ld --gc-sections -o gc s.o t.o h.o
expect_eq "--gc-sections links" "0:" "$STATUS:$ERR"
expect_eq "the dropped section's rows are at 0" "t.s 12 0
t.s 13 0x2" "$(rows gc | grep 't.s 1[23] ')"
run glyph-ld -S -o nodebug s.o t.o h.o
expect_eq "-S: no debug sections" "0:0" "$STATUS:$(readelf -S nodebug | grep -c debug)"
run glyph-ld -s -o stripped s.o t.o h.o
expect_eq "-s: no debug sections" "0:0" "$STATUS:$(readelf -S stripped | grep -c debug)"

# link errors name the source line
run glyph-ld -o bad s.o t.o
expect_eq "undefined reference: FILE:LINE first" \
    "glyph-ld: error: $(pwd)/t.s:6: undefined reference to 'helper' in t.o (.text+0x4 \`jal.i64 ra, ib64(0)\`, function 'main')" "$ERR"
glyph-as -o t0.o t.s
run glyph-ld -o bad s.o t0.o
expect_eq "without -g: as before" \
    "glyph-ld: error: undefined reference to 'helper' in t0.o (.text+0x4 \`jal.i64 ra, ib64(0)\`, function 'main')" "$ERR"
printf 'compartment A s.o\ncompartment B t.o\ndeny call A -> B\n' > pol
run glyph-ld -o bad --color-policy pol s.o t.o h.o
expect_match "forbidden reference: FILE:LINE first" \
    "^glyph-ld: error: $(pwd)/s\\.s:5: forbidden reference to 'main' in s\\.o \\(\\.text\\+0x2 \`jal\\.i64 ra, ib64\\(0\\)\`, function '_start'\\)" "$ERR"
printf '    .text\n    .globl _start\n_start:\n    nop\n    la a0, far\n    ret\n' > far.s
glyph-as -g -o far.o far.s
run glyph-ld -o bad --defsym far=0x700000000000 far.o
expect_match "overflow: FILE:LINE first" "^glyph-ld: error: $(pwd)/far\\.s:5: far\\.o \\(\\.text\\+0x2 .*overflow" "$ERR"

# a malformed .debug_line: a warning, the link goes on without its lines
off=$(readelf -SW t.o | awk '{ for (i = 1; i < NF; i++) if ($i == ".debug_line") print $(i + 3) }')
cp t.o tbad.o
printf '\377\377\377\177' | dd of=tbad.o bs=1 seek=$((0x$off)) conv=notrunc 2>/dev/null
run glyph-ld -o bad s.o tbad.o
expect_match "malformed .debug_line: a warning" \
    "glyph-ld: warning: tbad.o: .debug_line: offset 0x4: unit length 0x7fffffff runs past the section" "$ERR"
expect_match "... and the error without a line" \
    "glyph-ld: error: undefined reference to 'helper' in tbad.o " "$ERR"
cp t.o tcut.o
printf '\002\000' | dd of=tcut.o bs=1 seek=$((0x$off + 4)) conv=notrunc 2>/dev/null
run glyph-ld -o app2 s.o tcut.o h.o
expect_eq "a good link with a bad (version 2 header) table: links, no message" "0:" "$STATUS:$ERR"
finish

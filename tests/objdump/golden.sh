# golden.sh - every option on a relocatable object and an executable
# made by _mkelf (tests/objdump/_mkelf.c: colored sections and segments,
# notes, call/la relocation groups), compared with checked-in output.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/objdump/_golden.sh"
MK="$GLYPH_BUILD/tests/objdump/_mkelf"
[ -x "$MK" ] || skip_all "$MK not built"
"$MK" rel rel.o && "$MK" exec prog || { not_ok "_mkelf made the inputs"; finish; }

golden rel-f -f rel.o
golden rel-h -h rel.o
golden rel-p -p rel.o
golden rel-t -t rel.o
golden rel-r -r rel.o
golden rel-s -s rel.o
golden rel-d -d rel.o
golden rel-dr -dr rel.o
golden rel-x -x rel.o
golden rel-D -D rel.o
golden rel-dsym --disassemble=foo rel.o
golden rel-range -d --start-address=0x4 --stop-address=0x10 rel.o
golden rel-numeric -d -M numeric rel.o
golden rel-j -s -j .const rel.o
golden rel-color-h -h --color=always rel.o
golden rel-color-d -dr --color=always rel.o
golden exec-f -f prog
golden exec-h -h prog
golden exec-p -p prog
golden exec-t -t prog
golden exec-r -r prog
golden exec-s -s prog
golden exec-d -d prog
golden exec-x -x prog
golden exec-D -D prog
golden exec-dsym --disassemble=main prog
golden exec-range -d -s --start-address=0x10010 --stop-address=0x10030 prog
golden exec-numeric -d --disassembler-options=numeric prog
golden exec-auto -h --color=auto prog
golden exec-color-p -p --color=always prog
golden exec-color-h -h --color=always prog
golden exec-color-d -d --color=always prog
golden multi -f -h rel.o prog
finish

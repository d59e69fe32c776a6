# golden_as.sh - glyph-objdump on what glyph-as and glyph-ld really make
# (as_prog.s, as_lib.s): object with relocation groups, executable with
# a color policy.  Skipped while the assembler or linker is missing.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/objdump/_golden.sh"
command -v glyph-as >/dev/null && command -v glyph-ld >/dev/null ||
    skip_all "glyph-as / glyph-ld not built"
D="$GLYPH_SRC/tests/objdump"
cp "$D/as_prog.s" "$D/as_lib.s" .
glyph-as -o prog.o as_prog.s && glyph-as -o lib.o as_lib.s &&
    glyph-ld -o prog --color-deny-read 0:3 --color-deny-exec 2 prog.o lib.o ||
    { not_ok "glyph-as/glyph-ld made the inputs"; finish; }

golden as-obj-x -x prog.o
golden as-obj-dr -dr prog.o
golden as-lib-dr -dr lib.o
golden as-exec-x -x prog
golden as-exec-d -d prog
golden as-exec-s -s prog
# starting inside bounce's tail sequence: the part before is replayed
golden as-exec-range -d --start-address=0x12030 --stop-address=0x1203a prog
golden as-exec-dsym --disassemble=bounce_far prog
finish

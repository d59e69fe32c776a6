#!/bin/sh
# --gc-sections on a real program (glyph-as + the runtime archive): code
# split over .text.X sections, reached only through call vectors (local
# functions across sections), a tail call, an indirect call through a
# descriptor {entry, entry.const} in .data, strings in .rodata.X.  Only
# the unreferenced function (and its block) may go; the program prints
# the same with and without --gc-sections.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"
. "$GLYPH_SRC/tests/ld/_asm.sh"
need_as
command -v glyph-run >/dev/null 2>&1 || skip_all "glyph-run not built in $GLYPH_BUILD"
for f in "$GLYPH_SRC"/runtime/*.s; do
    glyph-as -I "$GLYPH_BUILD/gen/runtime" -o "rt_$(basename "$f" .s).o" "$f" 2>/dev/null || skip_all "runtime/$(basename "$f") does not assemble"
done
ar rcs libgrt.a $(ls rt_*.o | grep -v rt_crt0.o)

cat > gcx.s <<'S'
    .section .text.main, "ax"
    .globl main
    .type main, @function
main:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    call helper_a
    la t1, desc
    li a0, 5
    call __grt_icall
    mov.i64 a1, a0
    la a0, fmt
    call printf
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    li a0, 0
    ret

    .section .text.a, "ax"
    .type helper_a, @function
helper_a:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    call helper_b
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    ret

    .section .text.b, "ax"
    .type helper_b, @function
helper_b:
    la a0, msg
    li a1, 0x123456789
    tail puts

    .section .text.ind, "ax"
    .type twice, @function
twice:
    li t1, 0x100000000
    add.i64 a0, a0, a0
    ret

    .section .text.dead, "ax"
    .globl deadfn
    .type deadfn, @function
deadfn:
    li a0, 0x77777777777
    ret

    .section .data.desc, "aw"
desc: .quad twice, twice.const
    .section .rodata.msg, "a"
msg: .string "from b"
    .section .rodata.fmt, "a"
fmt: .string "twice: %ld\n"
S
glyph-as -o gcx.o gcx.s || { not_ok "assemble gcx.s"; finish; }

run glyph-ld -o full rt_crt0.o gcx.o -L. -lgrt
expect_eq "link without --gc-sections" "0:" "$STATUS:$ERR"
run glyph-ld --gc-sections -Map gc.map -o gc rt_crt0.o gcx.o -L. -lgrt
expect_eq "link with --gc-sections" "0:" "$STATUS:$ERR"
NL='
'
run glyph-run ./full
expect_eq "full program output" "0|from b${NL}twice: 10" "$STATUS|$OUT"
run glyph-run ./gc
expect_eq "gc'd program: same output" "0|from b${NL}twice: 10" "$STATUS|$OUT"
DROPPED=$(sed -n '/^Discarded/,/^$/p' gc.map | grep 'gcx\.o' | grep -v 'size 0x0$')
expect_eq "only the dead function and its block were dropped from gcx.o" \
"  gcx.o(.text.dead) size 0x4
  gcx.o(.const.dead) size 0x10" "$DROPPED"
NM=$(nm gc)
for s in main helper_a helper_b twice twice.const helper_b.const desc msg fmt; do
    expect_match "$s kept" " [a-zA-Z] $s$" "$NM"
done
expect_eq "deadfn gone" "" "$(printf '%s\n' "$NM" | grep deadfn)"
finish

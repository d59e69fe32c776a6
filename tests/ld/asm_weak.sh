#!/bin/sh
# Weak functions from glyph-as.  A weak function overridden by a strong
# one in another object: every call (also from its own object and
# section) reaches the strong one with the strong one's ib, and the weak
# copy's own ret still works when it is kept.  An undefined weak function
# (`.weak f` alone) links, its address (`la`) tests as 0, a call guarded by
# that test is skipped, and a `.quad f, f.const` descriptor is all zeros.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"
. "$GLYPH_SRC/tests/ld/_asm.sh"
need_as

# report (same object, same section) calls the weak on_error; on_error
# uses a constant and la of its own data, so a wrong ib or pc shows.
cat > weak.s <<'S'
    .text
    .globl _start
_start:
    call report
    li t0, 93
    syscall

    .weak on_error
on_error:
    li a0, 0x12345678
    li a1, 0x12345677
    sub.i64 a0, a0, a1
    ret

    .globl report
report:
    store.i64 ra, -8(sp)
    addi.i64 sp, -64
    call on_error
    addi.i64 sp, 64
    load.i64 ra, -8(sp)
    ret
S
cat > strong.s <<'S'
    .text
    .globl on_error
on_error:
    la a0, answer
    load.u8 a0, 0(a0)
    li a1, 0x7654321
    sub.i64 a1, a1, a1
    add.i64 a0, a0, a1
    ret
    .rodata
answer: .byte 42
S
glyph-as -o weak.o weak.s && glyph-as -o strong.o strong.s || { not_ok "assemble"; finish; }
R=$(glyph-objdump -r weak.o)
expect_match "the call's pc lane is relocated against the weak on_error" "R_GLYPH_ADD32 +on_error$" "$R"
expect_match "its ib lane against on_error.const" "R_GLYPH_ADD32 +on_error.const$" "$R"
run glyph-ld -o alone weak.o
expect_eq "weak alone links" "0:" "$STATUS:$ERR"
run glyph-run alone
expect_eq "weak alone: its own copy runs (exit 1)" 1 "$STATUS"
run glyph-ld -o over weak.o strong.o
expect_eq "weak + strong links" "0:" "$STATUS:$ERR"
run glyph-run over
expect_eq "the strong on_error runs, with its own ib (exit 42)" "42:" "$STATUS:$ERR"
run glyph-ld -o over2 strong.o weak.o
run glyph-run over2
expect_eq "strong first on the command line: same (exit 42)" "42:" "$STATUS:$ERR"

# .weak f alone: no definition anywhere
cat > hook.s <<'S'
    .text
    .weak hook
    .globl _start
_start:
    la a0, hook
    li a1, 0
    cmp.eq.i64 a0, a1
    b 1f
    call hook
1:  la a0, desc
    load.i64 a1, 0(a0)
    load.i64 a2, 8(a0)
    or.i64 a0, a1, a2
    addi.i64 a0, 7
    li t0, 93
    syscall
    .data
desc: .quad hook, hook.const
S
cat > hookdef.s <<'S'
    .text
    .globl hook
hook:
    li a0, 9
    li t0, 93
    syscall
S
glyph-as -o hook.o hook.s && glyph-as -o hookdef.o hookdef.s || { not_ok "assemble hook"; finish; }
expect_match "hook.const is a weak undefined symbol" "WEAK +DEFAULT +UND hook.const$" "$(readelf -sW hook.o)"
run glyph-ld -o nohook hook.o
expect_eq "undefined weak function links" "0:" "$STATUS:$ERR"
run glyph-run nohook
expect_eq "its address is 0, the guarded call is skipped, the descriptor is zeros (exit 7)" 7 "$STATUS"
run glyph-ld -o withhook hook.o hookdef.o
run glyph-run withhook
expect_eq "defined elsewhere: the call is made (exit 9)" 9 "$STATUS"
finish

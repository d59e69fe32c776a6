# debug.sh - the debug monitor of glyph-virt (docs/isa.md 7.1, cause 3):
# dinst and dcycle count retired instructions; dstop stops before the
# instruction that dinst numbers dstop, in the middle of straight-line
# code (tvalue = dstop, dstatus.S);
# dfetch stops before the instruction at that address (tvalue = it,
# dstatus.F), the one before it in the same block having run; dread and
# dwrite stop a load / store whose bytes include the address (tvalue =
# the access's address, dstatus.R / W), also on a page the TLB already
# held, and not the other kind of access or one beside the address.
# After each trap the kernel prints tvalue minus what it should be and
# dstatus.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern debug <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    la s9, _start.const
    la s12, _start.const        # teib of every trap
    sysread s1, dinst           # consecutive: 1 apart; dcycle the same
    sysread s2, dinst
    sub.i64 a0, s2, s1
    call pval
    sysread s1, dcycle
    sysread s2, dcycle
    sub.i64 a0, s2, s1
    call pval
    la s7, 1f                   # dstop: before the instruction at 1
    la s6, 2f
    movi.i64 s10, 0
    sysread s5, dinst           # number n
    addi.i64 s5, 6              # n+1
    syswrite s5, dstop          # n+2
    movi.i64 s10, 1             # n+3
    movi.i64 s10, 2             # n+4
    movi.i64 s10, 3             # n+5
1:  movi.i64 s10, 9             # n+6: not run
2:  call report
    or.i64 a0, s10, s10
    call pval
    la s5, 1f                   # dfetch: before the instruction at 1
    or.i64 s7, s5, s5
    la s6, 2f
    syswrite s5, dfetch
    movi.i64 s10, 7             # runs
1:  movi.i64 s10, 9             # does not
2:  movi.i64 t1, 0
    syswrite t1, dfetch
    call report
    or.i64 a0, s10, s10
    call pval
    la s4, word                 # dread: a load covering word+3
    load.i64 a0, 0(s4)          # (the TLB holds the page now)
    or.i64 s5, s4, s4
    addi.i64 s5, 3
    syswrite s5, dread
    load.u8 a0, 2(s4)           # beside it
    store.i64 a0, 0(s4)         # a store
    or.i64 s5, s4, s4
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(s4)
2:  call report
    movi.i64 t1, 0
    syswrite t1, dread
    syswrite s4, dwrite         # dwrite: a store to word
    load.i64 a0, 0(s4)          # a load
    store.i8 a0, 1(s4)          # beside it
    or.i64 s5, s4, s4
    la s7, 1f
    la s6, 2f
1:  store.i32 a0, 0(s4)
2:  call report
    movi.i64 t1, 0
    syswrite t1, dwrite
    store.i64 a0, 0(s4)         # off again
    movi.i64 a0, 0
    call poweroff

# report(): "val=" tvalue - s5, "val=" dstatus
    .type report, @function
report:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    sysread a0, tvalue
    sub.i64 a0, a0, s5
    call pval
    sysread a0, dstatus
    call pval
    load.i64 ra, 0(sp)
    addi.i64 sp, 16
    ret

    .data
    .balign 8
word:
    .quad 0
K
boot debug --clock=insn -n 1000000
got=$(printf '%s\n' "$OUT" | sed 's/ tvalue=[0-9a-fx]*//')
expect_eq "dinst, dcycle, dstop, dfetch, dread, dwrite" "0|val=0x1
val=0x1
trap 0x3 I=0x0 at tepc at teib
val=0x0
val=0x1
val=0x3
trap 0x3 I=0x0 at tepc at teib
val=0x0
val=0x2
val=0x7
trap 0x3 I=0x0 at tepc at teib
val=0x0
val=0x4
trap 0x3 I=0x0 at tepc at teib
val=0x0
val=0x8|" "$STATUS|$got|$ERR"
finish

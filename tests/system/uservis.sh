# uservis.sh - user visibility of the user-group system registers
# (docs/isa.md 7.1): user code may read fpstatus/fpcontrol only with
# scontrol.F, ctime/cfreq only with scontrol.T, address/domain only with
# scontrol.D; otherwise the sysread is an illegal instruction (2).  Each
# of fpstatus, cfreq and domain is read from user code under scontrol =
# 0, F, T, D and F|T|D; a read that works reaches the syscall after it.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

body=
for sc in 0 1 2 4 7; do
    for e in 0 8 10; do
        body="$body
    movi.i64 t1, $sc
    syswrite t1, scontrol
    li s7, 0x100$(printf %02x 0x$e)
    la s6, 2f
    call enter
2:"
    done
done
kern uservis <<K || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    la s9, _start.const
    li s3, 0xffffc00000400000
    call pt_init
    li t4, 0xffffc00000403000
    li t2, -4096
    la t1, upage
    and.i64 t1, t1, t2
    movi.i64 t3, 0x4b           # 0x10000 -> upage: V R X A
    or.i64 t1, t1, t3
    store.i64 t1, 0x80(t4)
    li t1, 0x1fffc00000400000
    syswrite t1, sptr
    movi.i64 t1, 1
    syswrite t1, mcontrol
$body
    movi.i64 a0, 0
    call poweroff

# enter(s7 = user pc): iret there, ib = 0x10000
    .type enter, @function
enter:
    syswrite s7, tepc
    li t1, 0x10000
    syswrite t1, teib
    iret

    .section .text.user, "ax"
    .balign 4096
upage:
    sysread a2, fpstatus        # 0x10000
    syscall
    sysread a2, cfreq           # 0x10008
    syscall
    sysread a2, domain          # 0x10010
    syscall
    .balign 4096
K
boot uservis -n 1000000
got=$(printf '%s\n' "$OUT" | sed 's/ tvalue=[0-9a-fx]*//')
expect_eq "scontrol 0, F, T, D, F|T|D: which user reads trap" "0|trap 0x2 I=0x0 at tepc
trap 0x2 I=0x0 at tepc
trap 0x2 I=0x0 at tepc
trap 0x11 I=0x0 tepc=0x10004
trap 0x2 I=0x0 at tepc
trap 0x2 I=0x0 at tepc
trap 0x2 I=0x0 at tepc
trap 0x11 I=0x0 tepc=0x1000c
trap 0x2 I=0x0 at tepc
trap 0x2 I=0x0 at tepc
trap 0x2 I=0x0 at tepc
trap 0x11 I=0x0 tepc=0x10014
trap 0x11 I=0x0 tepc=0x10004
trap 0x11 I=0x0 tepc=0x1000c
trap 0x11 I=0x0 tepc=0x10014|" "$STATUS|$got|$ERR"
finish

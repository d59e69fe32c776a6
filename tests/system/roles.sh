# roles.sh - whose access a constant read is (docs/isa.md 7.1, D4, D12):
# the instruction's that reads it, a load of its role, wherever ib
# points.  Kernel code (the system role) with ib on a user page reads its
# constant only with scontrol.A (a load page fault, 11, without it, also
# with scontrol.E set: E is about fetches); user code with ib in the
# physical space cannot read the kernel's memory through it (page fault
# 11: the user role reaches only the user space).  And scontrol.E: a
# fetch has the role of its own address, so no fetch of the system role
# ever reaches a user page; with E clear and set alike, user code runs
# after an iret.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern roles <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    la s9, _start.const
    # VA 0x10000 -> ucode (V R X A), 0x30000 -> udata (V R A), user pages
    li s3, 0xffffc00000400000
    call pt_init
    li t4, 0xffffc00000403000
    li t2, -4096
    la t1, ucode
    and.i64 t1, t1, t2
    movi.i64 t3, 0x4b
    or.i64 t1, t1, t3
    store.i64 t1, 0x80(t4)
    la t1, udata
    and.i64 t1, t1, t2
    movi.i64 t3, 0x43
    or.i64 t1, t1, t3
    store.i64 t1, 0x180(t4)
    li t1, 0x1fffc00000400000
    syswrite t1, sptr
    movi.i64 t1, 1
    syswrite t1, mcontrol
    movi.i64 a0, 0              # kernel code, ib = 0x30000: scontrol 0, E, A
    call kread
    movi.i64 a0, 16
    call kread
    movi.i64 a0, 8
    call kread
    movi.i64 t1, 0
    syswrite t1, scontrol
    la a0, secret               # user code, ib = the kernel's secret
    call uread
    li a0, 0x30000              # user code, ib = its own page
    call uread
    movi.i64 t1, 16             # ... and with scontrol.E
    syswrite t1, scontrol
    li a0, 0x30000
    call uread
    movi.i64 a0, 0
    call poweroff

# kread(a0 = scontrol): run kconst with ib = 0x30000; print s10
    .type kread, @function
kread:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    syswrite a0, scontrol
    la s7, kconst
    la s6, 2f
    la s9, kread.const
    movi.i64 s10, 0
    syswrite s7, tepc
    li t1, 0x30000
    syswrite t1, teib
    iret
2:  or.i64 a0, s10, s10
    call pval
    load.i64 ra, 0(sp)
    addi.i64 sp, 16
    ret

# uread(a0 = ib): run user code 0x10000 with that ib; print s10
    .type uread, @function
uread:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    li s7, 0x10000
    la s6, 2f
    la s9, uread.const
    movi.i64 s10, 0
    syswrite s7, tepc
    syswrite a0, teib
    iret
2:  or.i64 a0, s10, s10
    call pval
    load.i64 ra, 0(sp)
    addi.i64 sp, 16
    ret

# kconst: the kernel's instruction reading ib64(0), then back (syscall)
    .type kconst, @function
kconst:
    movq.i64 s10, ib64(0)
    syscall

    .section .rodata
    .balign 64
secret:
    .quad 0x5ec2e7

    .section .text.user, "ax"
    .balign 4096
ucode:
    movq.i64 s10, ib64(0)
    syscall
    .balign 4096
udata:
    .quad 0x1234
    .balign 4096
K
boot roles -n 1000000
got=$(printf '%s\n' "$OUT" | sed 's/tvalue=0xffffc000002[0-9a-f]*/tvalue=SECRET/; s/tepc=0xffffc000002[0-9a-f]*/tepc=KCONST+/')
expect_eq "constant reads: the reading instruction's load" "0|trap 0xb tvalue=0x30000 I=0x0 at tepc
val=0x0
trap 0xb tvalue=0x30000 I=0x0 at tepc
val=0x0
trap 0x11 tvalue=0x0 I=0x0 tepc=KCONST+
val=0x1234
trap 0xb tvalue=SECRET I=0x0 at tepc
val=0x0
trap 0x11 tvalue=0x0 I=0x0 tepc=0x10004
val=0x1234
trap 0x11 tvalue=0x0 I=0x0 tepc=0x10004
val=0x1234|" "$STATUS|$got|$ERR"
finish

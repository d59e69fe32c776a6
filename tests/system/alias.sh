# alias.sh - self-modifying code through virtual aliases (docs/system.md
# "The TLB"): one physical page mapped at 0x10000 (R X) and 0x20000
# (R W).  In one run, user code executes an instruction at 0x10100,
# stores a new one over it through 0x20100 and jumps back: the next
# block runs the new instruction (twice, the second store through the
# TLB entry the first one left).  Then a block at 0x10000 is run, the
# PTE of 0x10000 is pointed at another page and, after an sptr write,
# the same VA runs that page's code.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern alias <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    li s3, 0xffffc00000400000
    call pt_init
    li t4, 0xffffc00000403000
    li t2, -4096
    la t1, upage
    and.i64 t5, t1, t2          # P, the page of upage
    movi.i64 t3, 0x4b           # 0x10000 -> P: V R X A
    or.i64 t1, t5, t3
    store.i64 t1, 0x80(t4)
    li t3, 0xc7                 # 0x20000 -> P: V R W A D
    or.i64 t1, t5, t3
    store.i64 t1, 0x100(t4)
    li t1, 0x1fffc00000400000
    syswrite t1, sptr
    movi.i64 t1, 1
    syswrite t1, mcontrol
    la s9, _start.const         # the handler returns into this block
    movi.i64 s7, 0              # (no expected tepc)
    li s4, 0x20100              # the user's registers: s4 target's
    la t1, tmpl2                # writable alias, s2 and s3 the new
    load.u32 s2, 0(t1)          # instructions
    la t1, tmpl3
    load.u32 s3, 0(t1)
    la s6, 2f
    li t1, 0x10004              # enter ustart at its VA
    call enter
2:  mov.i64 a0, s10             # what the three passes ran: 0x123
    call pval
    la s6, 2f                   # a block at 0x10000: its syscall
    li t1, 0x10000
    call enter
2:
    # 0x10000 -> Q and an sptr write: the same VA runs Q's code
    li t4, 0xffffc00000403000
    li t2, -4096
    la t1, qpage
    and.i64 t1, t1, t2
    movi.i64 t3, 0x4b
    or.i64 t1, t1, t3
    store.i64 t1, 0x80(t4)
    li t1, 0x1fffc00000400000
    syswrite t1, sptr
    la s6, 2f
    li t1, 0x10000
    call enter
2:  mov.i64 a0, s10             # 0x4
    call pval
    movi.i64 a0, 0
    call poweroff

# enter(t1 = user pc): iret there, ib = 0x10000 (the page is readable)
    .type enter, @function
enter:
    syswrite t1, tepc
    li t1, 0x10000
    syswrite t1, teib
    iret

tmpl2:
    movi.i64 a2, 2
tmpl3:
    movi.i64 a2, 3

    .section .text.user, "ax"
    .balign 4096
upage:                          # at 0x10000
    syscall
ustart:
    movi.i64 s10, 0
    movi.i64 s11, 0
    j target
join:                           # s10 = s10 << 4 | a2, three times
    slli.i64 s10, 4
    or.i64 s10, s10, a2
    addi.i64 s11, 1
    movi.i64 t1, 1
    cmp.eq.i64 s11, t1
    b 1f
    movi.i64 t1, 2
    cmp.eq.i64 s11, t1
    b 2f
    syscall
1:  store.i32 s2, 0(s4)         # target's movi, rewritten through 0x20100
    j target
2:  store.i32 s3, 0(s4)
    j target
    .balign 256
target:                         # at 0x10100
    movi.i64 a2, 1
    j join
    .balign 4096
qpage:                          # at 0x10000 after the remap
    movi.i64 s10, 4
    syscall
    .balign 4096
K
boot alias -n 1000000
expect_eq "each pass runs the instruction last stored or mapped" "0|trap 0x11 tvalue=0x0 I=0x0 tepc=0x1002e
val=0x123
trap 0x11 tvalue=0x0 I=0x0 tepc=0x10000
trap 0x11 tvalue=0x0 I=0x0 tepc=0x10004
val=0x4|" "$STATUS|$OUT|$ERR"
finish

# xfaults.sh - faults of translated and untranslated addresses beyond
# vm12.sh and faults.sh (docs/isa.md 7.1, D3, D10): a non-canonical
# store (9) and fetch (7), with translation off and on; an instruction
# that straddles a page boundary, translation off (two RAM pages) and on
# (two virtual pages on physical pages that are not adjacent): it runs
# when both are executable, and when the second page is unmapped or not
# executable it is a fetch page fault (10) with tvalue = the second
# page's address and tepc = the instruction, whose first packet has not
# run; and a leaf whose translated address is outside the physical
# space: in the user or system space a page fault (11, 12), in the
# physical space beyond RAM, the empty group offset or the private space
# an access fault (8, 9), tvalue = the virtual address each time; teib
# = the ib the trapping instruction ran with each time.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern xfaults <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    la s9, _start.const
    la s12, _start.const        # teib, also after iret (teib = s9)
    movi.i64 s11, 0
    li t1, 0x0000800000000000   # not canonical: store, fetch
    la s7, 1f
    la s6, 2f
1:  store.i64 a0, 0(t1)
2:  li s7, 0xffff7ffffffff000
    la s6, 2f
    call enter
2:  la t1, tmpl                 # movi.i64.w s10, 5 across two RAM pages
    load.u16 t2, 0(t1)
    li t3, 0xffffc00000300ffe
    store.i16 t2, 0(t3)
    load.u16 t2, 2(t1)
    store.i16 t2, 2(t3)
    load.u32 t2, 4(t1)          # then syscall
    store.i32 t2, 4(t3)
    or.i64 s7, t3, t3
    addi.i64 s7, 4
    la s6, 2f
    movi.i64 s10, 0
    syswrite t3, tepc
    iret
2:  or.i64 a0, s10, s10
    call pval
    # vm12: VA 0x10000 -> P+0x500000 (V R X A), 0x11000 -> P+0x600000
    # (second packet and syscall there), 0x20000 -> various
    li s3, 0xffffc00000400000
    call pt_init
    li s4, 0xffffc00000403000   # the L0 table
    li t1, 0xffffc0000050004b
    store.i64 t1, 0x80(s4)
    la t1, tmpl
    load.u16 t2, 0(t1)
    li t3, 0xffffc00000500ffe
    store.i16 t2, 0(t3)
    load.u16 t2, 2(t1)
    li t3, 0xffffc00000600000
    store.i16 t2, 0(t3)
    load.u32 t2, 4(t1)
    store.i32 t2, 2(t3)
    li s5, 0x1fffc00000400000
    syswrite s5, sptr
    movi.i64 t1, 1
    syswrite t1, mcontrol
    li t1, 0x0000800000000000   # translation on: not canonical either
    la s7, 1f
    la s6, 2f
1:  store.i64 a0, 0(t1)
2:  li s7, 0xffff7ffffffff000
    la s6, 2f
    call enter
2:  call straddle               # 0x11000 unmapped
    li t1, 0xffffc00000600043   # V R A: not executable
    store.i64 t1, 0x88(s4)
    syswrite s5, sptr
    call straddle
    li t1, 0xffffc0000060004b   # V R X A: runs
    store.i64 t1, 0x88(s4)
    syswrite s5, sptr
    call straddle
    movi.i64 t1, 8              # scontrol.A: the kernel may load user pages
    syswrite t1, scontrol
    li a0, 0xffffc000007000c7   # in RAM: works
    call leaf
    li a0, 0x00000000005000c7   # in the user space
    call leaf
    li a0, 0xffff8000005000c7   # in the system space
    call leaf
    li a0, 0xffffc000100000c7   # the physical space, beyond 128 MiB of RAM
    call leaf
    li a0, 0xffffe000200000c7   # the group space, no device there
    call leaf
    li a0, 0xfffff000000000c7   # the private space (empty)
    call leaf
    la s9, _start.const
    li t1, 0x00000000005000c7   # stores: user space, beyond RAM
    store.i64 t1, 0x100(s4)
    syswrite s5, sptr
    li t1, 0x20000
    la s7, 1f
    la s6, 2f
1:  store.i64 a0, 0(t1)
2:  li t1, 0xffffc000100000c7
    store.i64 t1, 0x100(s4)
    syswrite s5, sptr
    li t1, 0x20000
    la s7, 1f
    la s6, 2f
1:  store.i64 a0, 0(t1)
2:  movi.i64 a0, 0
    call poweroff

# enter(s7 = pc): iret there
    .type enter, @function
enter:
    syswrite s7, tepc
    iret

# straddle(): run user VA 0x10ffe (movi.i64.w s10, 5 across 0x11000;
# syscall at 0x11002), print s10
    .type straddle, @function
straddle:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    store.i64 s12, 8(sp)
    li t1, 0x10ffe
    or.i64 s7, t1, t1
    la s6, 2f
    la s9, straddle.const
    movi.i64 s10, 0
    syswrite t1, tepc
    li t1, 0x10000
    syswrite t1, teib
    or.i64 s12, t1, t1
    iret
2:  or.i64 a0, s10, s10
    call pval
    load.i64 ra, 0(sp)
    load.i64 s12, 8(sp)
    addi.i64 sp, 16
    ret

# leaf(a0 = PTE of VA 0x20000): load from it, print what was loaded
# (0x5a5a: nothing)
    .type leaf, @function
leaf:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    store.i64 s12, 8(sp)
    store.i64 a0, 0x100(s4)
    syswrite s5, sptr
    la s9, leaf.const
    la s12, leaf.const
    li t1, 0x20000
    li s10, 0x5a5a
    la s7, 1f
    la s6, 2f
1:  load.i64 s10, 0(t1)
2:  or.i64 a0, s10, s10
    call pval
    load.i64 ra, 0(sp)
    load.i64 s12, 8(sp)
    addi.i64 sp, 16
    ret

tmpl:
    movi.i64 s10, 5             # 32 bits (movi.i64.w)
    syscall
K
boot xfaults -n 2000000
# the syscall after the straddling instruction is at 0x11002 (translated)
expect_eq "non-canonical, straddling, translated addresses outside the physical space" "0|trap 0x9 tvalue=0x800000000000 I=0x0 at tepc at teib
trap 0x7 tvalue=0xffff7ffffffff000 I=0x0 at tepc at teib
trap 0x11 tvalue=0x0 I=0x0 at tepc at teib
val=0x5
trap 0x9 tvalue=0x800000000000 I=0x0 at tepc at teib
trap 0x7 tvalue=0xffff7ffffffff000 I=0x0 at tepc at teib
trap 0xa tvalue=0x11000 I=0x0 at tepc at teib
val=0x0
trap 0xa tvalue=0x11000 I=0x0 at tepc at teib
val=0x0
trap 0x11 tvalue=0x0 I=0x0 tepc=0x11002 at teib
val=0x5
val=0x0
trap 0xb tvalue=0x20000 I=0x0 at tepc at teib
val=0x5a5a
trap 0xb tvalue=0x20000 I=0x0 at tepc at teib
val=0x5a5a
trap 0x8 tvalue=0x20000 I=0x0 at tepc at teib
val=0x5a5a
trap 0x8 tvalue=0x20000 I=0x0 at tepc at teib
val=0x5a5a
trap 0x8 tvalue=0x20000 I=0x0 at tepc at teib
val=0x5a5a
trap 0xc tvalue=0x20000 I=0x0 at tepc at teib
trap 0x9 tvalue=0x20000 I=0x0 at tepc at teib|" "$STATUS|$OUT|$ERR"
finish

# tlb.sh - the TLB the interpreter probes inline (docs/system.md, "The
# TLB"): a page that had a store entry and then runs code gets its
# stores to the slow path again (self-modifying code takes effect); an
# entry filled by user code is not used by the kernel (the role is part
# of the entry: with scontrol.A = 0 the kernel's load still faults);
# the entry of a global page (PTE.G) survives sptr writes, also to
# another ASID, and fence drops it (D9).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern tlb <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    movi.i64 s9, 0
    # self-modifying code, translation off: f's page gets a TLB store
    # entry, then runs, then is patched to g's first instruction
    la t1, g
    load.u16 s2, 0(t1)          # movi.i64 a0, 2
    la s3, f
    load.u16 t2, 0(s3)          # movi.i64 a0, 1
    store.i16 t2, 0(s3)         # the same bytes: a store entry for the page
    call f
    call pval
    store.i16 s2, 0(s3)         # patched: the next call runs the new code
    call f
    call pval

    # the role in the entry: user code loads 0x20000, then the kernel
    li s3, 0xffffc00000400000
    call pt_init                # root -> L2 -> L1 -> L0 for VA [0, 2 MiB)
    li t4, 0xffffc00000403000
    li t1, 0xffffc000005000c7   # 0x20000: data (V R W A D)
    store.i64 t1, 0x100(t4)
    li t2, -4096
    la t1, ucode
    and.i64 t1, t1, t2
    movi.i64 t3, 0x4b           # 0x10000: code (V R X A)
    or.i64 t1, t1, t3
    store.i64 t1, 0x80(t4)
    la t1, ucode.const
    and.i64 t1, t1, t2
    movi.i64 t3, 0x43           # 0x80000: its constants
    or.i64 t1, t1, t3
    store.i64 t1, 0x400(t4)
    li t1, 0x1fffc00000400000
    syswrite t1, sptr
    movi.i64 t1, 1
    syswrite t1, mcontrol
    la t1, ucode                # enter ucode at its VA; the syscall's
    li t2, 4095                 # handler comes back to 3f
    and.i64 t1, t1, t2
    li t3, 0x10000
    add.i64 t1, t1, t3
    syswrite t1, tepc
    la t1, ucode.const
    and.i64 t1, t1, t2
    li t3, 0x80000
    add.i64 t1, t1, t3
    syswrite t1, teib
    movi.i64 s7, 0
    la s6, 3f
    la s9, _start.const         # ... in this function's block
    iret
3:  movi.i64 s9, 0
    li t1, 0x20000              # scontrol.A = 0: the kernel may not
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  movi.i64 t1, 8              # scontrol.A: the kernel reads user pages
    syswrite t1, scontrol
    # G: 0x30000 global, 0x40000 not, both onto the page holding 0x1111
    li t1, 0xffffc00000500000
    li t2, 0x1111
    store.i64 t2, 0(t1)
    li t1, 0xffffc00000501000
    li t2, 0x2222
    store.i64 t2, 0(t1)
    li t4, 0xffffc00000403000
    li t1, 0xffffc000005000e7   # V R W G A D
    store.i64 t1, 0x180(t4)
    li t1, 0xffffc000005000c7   # V R W A D
    store.i64 t1, 0x200(t4)
    li s4, 0x1fffc00000400000
    syswrite s4, sptr
    call both                   # 0x1111 0x1111 (now in the TLB)
    li t4, 0xffffc00000403000   # both PTEs onto the page holding 0x2222
    li t1, 0xffffc000005010e7
    store.i64 t1, 0x180(t4)
    li t1, 0xffffc000005010c7
    store.i64 t1, 0x200(t4)
    syswrite s4, sptr
    call both                   # 0x1111 0x2222: the global entry stayed
    li t1, 0x1fffc00000400005   # another ASID
    syswrite t1, sptr
    call both                   # 0x1111 0x2222
    fence
    call both                   # 0x2222 0x2222: fence drops global entries too
    movi.i64 a0, 0
    call poweroff

# both(): "val=" the words at 0x30000 and 0x40000
    .globl both
both:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    li t1, 0x30000
    load.i64 a0, 0(t1)
    call pval
    li t1, 0x40000
    load.i64 a0, 0(t1)
    call pval
    load.i64 ra, 0(sp)
    addi.i64 sp, 16
    ret

    .balign 4096                # f alone on its page
    .type f, @function
f:
    movi.i64 a0, 1
    ret
    .balign 4096
    .type g, @function
g:
    movi.i64 a0, 2
    ret

    .section .rodata

    .section .text.user, "ax"
    .balign 4096
    .globl ucode
ucode:
    li t1, 0x20000
    load.i64 a0, 0(t1)          # a user-role TLB entry for 0x20000
    syscall
K
boot tlb -n 1000000
expect_eq "TLB transcript" "0|val=0x1
val=0x2
trap 0x11 tvalue=0x0 I=0x0 tepc=0x10008
trap 0xb tvalue=0x20000 I=0x0 at tepc
val=0x1111
val=0x1111
val=0x1111
val=0x2222
val=0x1111
val=0x2222
val=0x2222
val=0x2222" "$STATUS|$OUT"
finish

# vm12.sh - vm12 translation on glyph-virt: 4 KiB, 2 MiB and 1 GiB
# leaves; the page faults of D10 (absent, W without R, permissions, A/D,
# misaligned superpage, top-level leaf, V=0 pointer, root not physical,
# user code reaching another address space) and the access fault of a
# non-canonical address; scontrol.A; dropping to user code with iret,
# its syscall and illegal system register access; sptr rewrites taking
# effect; colours: colorperms and the matrix (cause 13).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

# Physical layout (P = RAM base 0xffffc00000000000): root table P+0x400000,
# then L2, L1, L0 for VA [0, 2 MiB) at +0x401000, +0x402000, +0x403000;
# data pages at P+0x500000 (0x20000), +0x501000 (0x30000), +0x502000
# (0x50000, 0x60000, 0x90000).
kern vm <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    movi.i64 s9, 0
    la s12, _start.const        # teib of the kernel's traps
    li s3, 0xffffc00000400000   # root
    call pt_init                # root -> L2 -> L1 -> L0 for VA [0, 2 MiB)
    li a0, 0x20000              # data: V R W A D, colour 2
    li a1, 0xffffc000005002c7
    call map4k
    li a0, 0x30000              # read-only: V R A, colour 3
    li a1, 0xffffc00000501343
    call map4k
    li a0, 0x50000              # no A: V R W D
    li a1, 0xffffc00000502087
    call map4k
    li a0, 0x60000              # no D: V R W A
    li a1, 0xffffc00000502047
    call map4k
    li a0, 0x70000              # W without R: V W A D
    li a1, 0xffffc000005020c5
    call map4k
    li a0, 0x90000              # writable, colour 3
    li a1, 0xffffc000005023c7
    call map4k
    li t1, 0xffffc000006000c7   # L1[1]: a 2 MiB leaf at P+0x600000
    store.i64 t1, 0x2008(s3)
    li t1, 0xffffc000006010c7   # L1[2]: a misaligned 2 MiB leaf
    store.i64 t1, 0x2010(s3)
    li t1, 0xffffc000000000c7   # L2[1]: a 1 GiB leaf at P
    store.i64 t1, 0x1008(s3)
    li t1, 0xffffc000000000c7   # root[1]: a 512 GiB leaf (no such size)
    store.i64 t1, 8(s3)
    li t1, 0xffffc00000401000   # root[2]: a pointer without V
    store.i64 t1, 16(s3)
    li t1, 0xffffc00000500000   # the data page holds 0x1234 ...
    li t2, 0x1234
    store.i64 t2, 0(t1)
    li t1, 0xffffc00000601008   # ... and the 2 MiB page 0x5678 at +0x1008
    li t2, 0x5678
    store.i64 t2, 0(t1)
    # the user code and its constants: VA 0x10000 / 0x80000 onto their pages
    la t1, ucode
    li t2, -4096
    and.i64 a1, t1, t2
    li t2, 0x14b                # V R X A, colour 1
    or.i64 a1, a1, t2
    li a0, 0x10000
    call map4k
    la t1, ucode.const
    li t2, -4096
    and.i64 a1, t1, t2
    li t2, 0x143                # V R A, colour 1
    or.i64 a1, a1, t2
    li a0, 0x80000
    call map4k

    li s4, 0x1fffc00000400000   # sptr: vm12, root, ASID 0
    syswrite s4, sptr
    movi.i64 t1, 1
    syswrite t1, mcontrol       # translation on; the kernel runs on (physical)
    la a0, m_on
    call kputs
    sysread a0, mfeature
    call kputx
    sysread a0, mcontrol
    call kputx
    call newline

    li t1, 0x20000              # scontrol.A = 0: no kernel access to user pages
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  movi.i64 t1, 8
    syswrite t1, scontrol       # A = 1
    li t1, 0x20000
    load.i64 a0, 0(t1)
    call pval
    li t1, 0x30000              # read-only page
    la s7, 1f
    la s6, 2f
1:  store.i64 a0, 0(t1)
2:  li t1, 0x40000              # nothing mapped
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  li t1, 0x50000              # no A: the load faults
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  li t1, 0x60000              # no D: the store faults
    la s7, 1f
    la s6, 2f
1:  store.i64 a0, 0(t1)
2:  li t1, 0x70000              # W without R
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  li t1, 0xffffc00000403280   # set A in 0x50000's PTE, rewrite sptr, retry
    load.i64 t2, 0(t1)
    movi.i64 t3, 0x40
    or.i64 t2, t2, t3
    store.i64 t2, 0(t1)
    syswrite s4, sptr
    li t1, 0x50000
    load.i64 a0, 0(t1)
    call pval
    li t1, 0x201008             # the 2 MiB leaf
    load.i64 a0, 0(t1)
    call pval
    li t1, 0x40500000           # the 1 GiB leaf: P+0x500000
    load.i64 a0, 0(t1)
    call pval
    li t1, 0x400000             # the misaligned 2 MiB leaf
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  li t1, 0x8000000000         # the top-level leaf
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  li t1, 0x10000000000        # the pointer without V
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  li t1, 0x800000000000       # not canonical: an access fault
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  li t1, 0x1000000000400000   # a root in the user space
    syswrite t1, sptr
    li t1, 0x20000
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  syswrite s4, sptr

    # user code: each case an entry of ucode; the handler returns to s6
    la a0, u_syscall
    call uenter
    la a0, u_tcause
    call uenter
    la a0, u_ctime
    call uenter
    movi.i64 t1, 10             # scontrol.T (and A): user may read ctime
    syswrite t1, scontrol
    la a0, u_ctime
    call uenter
    la a0, u_kernel
    call uenter
    la a0, u_store3
    call uenter                 # colours off: the colour-3 store works

    # colours: colour-1 code may read 0-3, write 0 and 2; run colour 1
    movi.i64 t1, 15
    syswrite t1, colorread
    syswrite t1, colorwrite
    movi.i64 t1, 3
    syswrite t1, colorexec
    movi.i64 t1, 15
    syswrite t1, colormatread1
    movi.i64 t1, 5
    syswrite t1, colormatwrite1
    movi.i64 t1, 1
    syswrite t1, colorsys       # the kernel (colour 0) keeps its registers
    syswrite t1, colorcap
    syswrite t1, colormac
    syswrite t1, ccontrol
    la a0, u_store3             # colour 3 not writable from colour 1
    call uenter
    la a0, u_store2             # colour 2 is
    call uenter
    movi.i64 t1, 1
    syswrite t1, colormatwrite1 # now it is not
    la a0, u_store2
    call uenter
    movi.i64 t1, 1
    syswrite t1, colorexec      # colour 1 may not run
    la a0, u_syscall
    call uenter
    movi.i64 a0, 0
    call poweroff

# uenter(a0 = a user entry's physical address): iret to its VA; the
# handler comes back to our caller
    .globl uenter
uenter:
    la t1, ucode
    li t2, -4096
    and.i64 t1, t1, t2
    sub.i64 a0, a0, t1
    li t1, 0x10000
    add.i64 s7, a0, t1          # the VA: where it should trap
    syswrite s7, tepc
    la t1, ucode.const
    li t2, 4095
    and.i64 t1, t1, t2
    li t2, 0x80000
    add.i64 t1, t1, t2
    syswrite t1, teib
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    store.i64 s12, 8(sp)
    or.i64 s12, t1, t1          # the user code's traps: its ib, the VA
    la s6, uback                # the handler returns there
    la s9, uenter.const
    iret
uback:
    movi.i64 s9, 0
    load.i64 ra, 0(sp)
    load.i64 s12, 8(sp)
    addi.i64 sp, 16
    ret

# map4k(a0 = VA below 2 MiB, a1 = PTE): L0[a0 >> 12] = a1
    .globl map4k
map4k:
    srli.i64 a0, 12
    slli.i64 a0, 3
    li t1, 0xffffc00000403000
    add.i64 t1, t1, a0
    store.i64 a1, 0(t1)
    ret

    .section .rodata
m_on:  .asciz "translation on: mfeature, mcontrol = "

    .section .text.user, "ax"
    .balign 4096
    .globl ucode
ucode:
u_syscall:
    syscall
u_tcause:
    sysread a0, tcause
u_ctime:
    sysread a0, ctime
    syscall
u_kernel:
    li t1, 0xffffc00000500000
    load.i64 a0, 0(t1)
u_store3:
    li t1, 0x90000
    store.i64 a0, 0(t1)
    syscall
u_store2:
    li t1, 0x20000
    store.i64 a0, 0(t1)
    syscall
K
boot vm
printf '%s\n' "$OUT" > vm.out
expect_eq "vm12 transcript" "0|translation on: mfeature, mcontrol = 0x70x1
trap 0xb tvalue=0x20000 I=0x0 at tepc at teib
val=0x1234
trap 0xc tvalue=0x30000 I=0x0 at tepc at teib
trap 0xb tvalue=0x40000 I=0x0 at tepc at teib
trap 0xb tvalue=0x50000 I=0x0 at tepc at teib
trap 0xc tvalue=0x60000 I=0x0 at tepc at teib
trap 0xb tvalue=0x70000 I=0x0 at tepc at teib
val=0x0
val=0x5678
val=0x1234
trap 0xb tvalue=0x400000 I=0x0 at tepc at teib
trap 0xb tvalue=0x8000000000 I=0x0 at tepc at teib
trap 0xb tvalue=0x10000000000 I=0x0 at tepc at teib
trap 0x8 tvalue=0x800000000000 I=0x0 at tepc at teib
trap 0xb tvalue=0x20000 I=0x0 at tepc at teib
trap 0x11 tvalue=0x0 I=0x0 at tepc at teib
trap 0x2 tvalue=0x78999 I=0x0 at tepc at teib
trap 0x2 tvalue=0x78119 I=0x0 at tepc at teib
trap 0x11 tvalue=0x0 I=0x0 tepc=0x1000c at teib
trap 0xb tvalue=0xffffc00000500000 I=0x0 tepc=0x10014 at teib
trap 0x11 tvalue=0x0 I=0x0 tepc=0x10020 at teib
trap 0xd tvalue=0x90000 I=0x0 tepc=0x1001c at teib
trap 0x11 tvalue=0x0 I=0x0 tepc=0x1002c at teib
trap 0xd tvalue=0x20000 I=0x0 tepc=0x10028 at teib
trap 0xd tvalue=0x10000 I=0x0 at tepc at teib" "$STATUS|$OUT"

finish

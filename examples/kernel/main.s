# main.s - the example kernel for glyph-virt (docs/system.md, "The
# example kernel"): boots from the reset stub (a0 = hart id, a1 = the
# device tree), installs the trap vector, tries the system registers,
# builds vm12 page tables with coloured user pages, turns translation
# on, shows supervisor access to user pages under scontrol.A, sets the
# colour policy, drops to the user task (user.s) and, when it exits,
# waits for one more timer tick with wfi and powers off.

    .include    "kernel.inc"

    .text

    .globl      _start
_start:
    li          sp, KSTACK
    mov.i64     s0, a0
    mov.i64     s1, a1
    la          a0, m_hello
    call        kputs
    la          a0, m_hart
    mov.i64     a1, s0
    call        kputsx
    la          a0, m_dtb
    mov.i64     a1, s1
    call        kputsx
    load.u32    a1, 0(s1)               # the FDT magic, big-endian
    bswap.i64   a1, a1
    srli.i64    a1, 32
    la          a0, m_magic
    call        kputsx

    la          t1, trap_entry          # the trap vector and the trap stack
    syswrite    t1, thpc
    la          t1, trap_entry.const
    syswrite    t1, thib
    li          t1, TSTACK
    syswrite    t1, tscratch
    break       7
    illegal     3

    la          a0, m_sversion
    sysread     a1, sversion
    call        kputsx
    la          a0, m_sfeature
    sysread     a1, sfeature
    call        kputsx
    la          a0, m_mfeature
    sysread     a1, mfeature
    call        kputsx
    la          a0, m_saddress
    sysread     a1, saddress
    call        kputsx
    sysread     a0, 0x7ff               # no such register
    syswrite    a0, tcause              # read-only

    call        vm_setup
    li          t1, 0x1fffc00000400000  # sptr: vm12, root PT_ROOT, ASID 0
    syswrite    t1, sptr
    movi.i64    t1, 1
    syswrite    t1, mcontrol            # the kernel runs on at its physical addresses
    la          a0, m_vm
    call        kputs

    la          a0, m_smap0             # the kernel and user pages: scontrol.A
    call        kputs
    li          t1, U_DATA
    load.i64    a1, 0(t1)               # A = 0: a page fault, skipped
    movi.i64    t2, 8
    sysset      t2, scontrol
    load.i64    a1, 0(t1)
    sysclear    t2, scontrol
    la          a0, m_smap1
    call        kputsx

    call        color_setup
    la          a0, m_colors
    call        kputs

    la          t1, kmain_sp            # the exit syscall comes back to user_done
    store.i64   sp, 0(t1)
    li          t2, -4096
    la          t1, user_main           # tepc, teib: the task's virtual addresses
    and.i64     t3, t1, t2
    sub.i64     t1, t1, t3
    li          t3, U_CODE
    add.i64     t1, t1, t3
    syswrite    t1, tepc
    la          t1, user_main.const
    and.i64     t3, t1, t2
    sub.i64     t1, t1, t3
    li          t3, U_CONST
    add.i64     t1, t1, t3
    syswrite    t1, teib
    la          a0, m_user
    call        kputs
    iret                                # to user mode

    .globl      user_done
user_done:
    la          a0, m_back
    call        kputs
    movi.i64    t1, 1
    sysclear    t1, tcontrol            # no interrupt between the check and wfi
    call        arm_timer
    wfi
    la          a0, m_woke
    sysread     a1, tstatus
    call        kputsx
    movi.i64    t1, 1
    sysset      t1, tcontrol            # the tick is taken here
    la          a0, m_off
    call        kputs
    li          t1, 0x0300000000000000  # econtrol: power off, status 0
    syswrite    t1, econtrol
1:  j           1b

# vm_setup(): the page tables for VA [0, 2 MiB) and the user pages
    .type       vm_setup, @function
vm_setup:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    li          t1, PT_ROOT             # clear the four tables and three frames
    li          t2, 0xffffc00000504000
    movi.i64    t3, 0
1:  store.i64   t3, 0(t1)
    addi.i64    t1, 8
    cmp.ltu.i64 t1, t2
    b           1b
    li          t1, PT_ROOT
    li          t2, 0xffffc00000401001  # root[0] -> L2, L2[0] -> L1, L1[0] -> L0
    store.i64   t2, 0(t1)
    li          t2, 0xffffc00000402001
    store.i64   t2, 0x1000(t1)
    li          t2, 0xffffc00000403001
    store.i64   t2, 0x2000(t1)
    li          t4, -4096
    la          a1, user_main           # code (one page): V R X A, colour 1
    and.i64     a1, a1, t4
    movi.i64    t2, 0x14b
    or.i64      a1, a1, t2
    li          a0, U_CODE
    call        map4k
    li          t4, -4096
    la          a1, user_main.const     # its constants: V R A, colour 1
    and.i64     a1, a1, t4
    li          t2, 0x143
    or.i64      a1, a1, t2
    li          a0, U_CONST
    call        map4k
    li          t4, -4096
    la          a1, u_data              # data: V R W A D, colour 2
    and.i64     a1, a1, t4
    li          t2, 0x2c7
    or.i64      a1, a1, t2
    li          a0, U_DATA
    call        map4k
    li          a1, PG_RO | 0x343       # read-only: V R A, colour 3
    li          a0, U_RO
    call        map4k
    li          a1, PG_AD | 0x207       # V R W, colour 2, no A, no D
    li          a0, U_AD
    call        map4k
    li          a1, PG_C3 | 0x3c7       # V R W A D, colour 3
    li          a0, U_C3
    call        map4k
    li          t1, PG_RO
    li          t2, 0x3333
    store.i64   t2, 0(t1)
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

# map4k(a0 = VA below 2 MiB, a1 = PTE): L0[a0 >> 12] = a1
    .type       map4k, @function
map4k:
    srli.i64    a0, 12
    slli.i64    a0, 3
    li          t1, PT_L0
    add.i64     t1, t1, a0
    store.i64   a1, 0(t1)
    ret

# color_setup(): user code (colour 1) may read colours 1-3 and write
# only colour 2, and execute colour 1; the kernel (untranslated: colour
# 0) keeps its system, capability and machine registers and may reach
# every colour.  Then ccontrol.C turns the checks on.
    .type       color_setup, @function
color_setup:
    movi.i64    t1, 1                   # colour 0: the kernel's registers
    syswrite    t1, colorsys
    syswrite    t1, colorcap
    syswrite    t1, colormac
    movi.i64    t1, 0xf
    syswrite    t1, colorread
    movi.i64    t1, 0x5
    syswrite    t1, colorwrite
    movi.i64    t1, 0x3
    syswrite    t1, colorexec
    li          t1, 0xffff
    syswrite    t1, colormatread0
    syswrite    t1, colormatwrite0
    movi.i64    t1, 0xe
    syswrite    t1, colormatread1
    movi.i64    t1, 0x4
    syswrite    t1, colormatwrite1
    movi.i64    t1, 1
    syswrite    t1, ccontrol
    ret

    .section    .rodata
    .balign     4096                    # not on the page of the user's constants
m_hello:
    .asciz      "glyph-virt example kernel\n"
m_hart:
    .asciz      "boot: hart "
m_dtb:
    .asciz      "boot: device tree at "
m_magic:
    .asciz      "boot: device tree magic "
m_sversion:
    .asciz      "sysregs: sversion "
m_sfeature:
    .asciz      "sysregs: sfeature "
m_mfeature:
    .asciz      "sysregs: mfeature "
m_saddress:
    .asciz      "sysregs: saddress "
m_vm:
    .asciz      "vm12: translation on (code 0x10000, data 0x20000, read-only 0x30000)\n"
m_smap0:
    .asciz      "kernel: load from user page 0x20000 with scontrol.A = 0\n"
m_smap1:
    .asciz      "kernel: with scontrol.A = 1 it reads "
m_colors:
    .asciz      "colours: user code may read colours 1-3, write colour 2; ccontrol.C = 1\n"
m_user:
    .asciz      "kernel: to user mode\n"
m_back:
    .asciz      "kernel: user task done\n"
m_woke:
    .asciz      "wfi: woke with tstatus "
m_off:
    .asciz      "kernel: power off\n"

# _klib.s - console and power helpers for the system-mode test kernels
# (glyph-virt, docs/system.md), beside examples/kernel/console.s (kputc,
# kputs, kputx), which _sys.sh links in too.  Clobber t1-t6 and a0;
# keep the rest.

    .text

# newline()
    .globl      newline
newline:
    addi.i64    sp, -16
    store.i64   ra, 0(sp)
    li          a0, 10
    call        kputc
    load.i64    ra, 0(sp)
    addi.i64    sp, 16
    ret

# pval(a0): "val=A0"
    .globl      pval
pval:
    addi.i64    sp, -16
    store.i64   ra, 0(sp)
    store.i64   a0, 8(sp)
    la          a0, m_val
    call        kputs
    load.i64    a0, 8(sp)
    call        kputx
    call        newline
    load.i64    ra, 0(sp)
    addi.i64    sp, 16
    ret

# pt_init(): vm12 tables for VA [0, 2 MiB): root P+0x400000 -> L2
# P+0x401000 -> L1 P+0x402000 -> L0 P+0x403000 (P = RAM base)
    .globl      pt_init
pt_init:
    li          t1, 0xffffc00000400000
    li          t2, 0xffffc00000401001
    store.i64   t2, 0(t1)
    li          t2, 0xffffc00000402001
    store.i64   t2, 0x1000(t1)
    li          t2, 0xffffc00000403001
    store.i64   t2, 0x2000(t1)
    ret

# poweroff(a0): econtrol power off, exit status a0 & 255
    .globl      poweroff
poweroff:
    li          t1, 0x0300000000000000
    or.i64      a0, a0, t1
    syswrite    a0, econtrol
1:  j           1b

    .section    .rodata
m_val:
    .asciz      "val="

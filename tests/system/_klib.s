# _klib.s - console and power helpers for the system-mode test kernels
# (glyph-virt, docs/system.md).  Clobber t1-t6 and a0; keep the rest.

    .text

# putc(a0): one byte to UART0, after LSR.THRE says the transmitter is free
    .globl      putc
putc:
    li          t1, 0xffffe00010000000
    movi.i64    t3, 0
1:  load.u8     t2, 5(t1)
    movi.i64    t4, 0x20
    and.i64     t2, t2, t4
    cmp.eq.i64  t2, t3
    b           1b
    store.i8    a0, 0(t1)
    ret

# puts(a0): a NUL-terminated string
    .globl      puts
puts:
    addi.i64    sp, -16
    store.i64   ra, 0(sp)
    mov.i64     t5, a0
    movi.i64    t6, 0
1:  load.u8     a0, 0(t5)
    cmp.eq.i64  a0, t6
    b           2f
    call        putc
    addi.i64    t5, 1
    j           1b
2:  load.i64    ra, 0(sp)
    addi.i64    sp, 16
    ret

# puthex(a0): 0x and the hex digits, no leading zeros
    .globl      puthex
puthex:
    addi.i64    sp, -32
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    li          a0, 0x30
    call        putc
    li          a0, 0x78
    call        putc
    movi.i64    s1, 60                  # shift of the first digit
    movi.i64    t6, 0
1:  mov.i64     t5, s0                  # skip leading zero digits (not the last)
    srl.i64     t5, t5, s1
    cmp.ne.i64  t5, t6
    b           2f
    cmp.eq.i64  s1, t6
    b           2f
    addi.i64    s1, -4
    j           1b
2:  mov.i64     a0, s0
    srl.i64     a0, a0, s1
    movi.i64    t5, 15
    and.i64     a0, a0, t5
    movi.i64    t5, 10
    cmp.lt.i64  a0, t5
    b           3f
    addi.i64    a0, 39                  # 'a' - '0' - 10
3:  addi.i64    a0, 48
    call        putc
    movi.i64    t6, 0
    cmp.eq.i64  s1, t6
    b           4f
    addi.i64    s1, -4
    j           2b
4:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 32
    ret

# newline()
    .globl      newline
newline:
    addi.i64    sp, -16
    store.i64   ra, 0(sp)
    li          a0, 10
    call        putc
    load.i64    ra, 0(sp)
    addi.i64    sp, 16
    ret

# poweroff(a0): econtrol power off, exit status a0 & 255
    .globl      poweroff
poweroff:
    li          t1, 0x0300000000000000
    or.i64      a0, a0, t1
    syswrite    a0, econtrol
1:  j           1b

# console.s - the example kernel's console on UART0 of glyph-virt (a
# 16550 at 0xffffe00010000000, docs/system.md): busy-waiting output
# and numbers in hex.  Each function keeps every register but a0 and
# t1-t4 (and ra, flag).

    .text

# kputc(a0): one byte, once LSR.THRE (bit 5) says the transmitter is free
    .globl      kputc
kputc:
    li          t1, 0xffffe00010000000
1:  load.u8     t2, 5(t1)
    movi.i64    t3, 0x20
    and.i64     t2, t2, t3
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           1b
    store.i8    a0, 0(t1)
    ret

# kputs(a0): a NUL-terminated string
    .globl      kputs
kputs:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
1:  load.u8     a0, 0(s0)
    movi.i64    t4, 0
    cmp.eq.i64  a0, t4
    b           2f
    call        kputc
    addi.i64    s0, 1
    j           1b
2:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

# kputx(a0): 0x and the hex digits of a0 without leading zeros
    .globl      kputx
kputx:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    li          a0, 0x30
    call        kputc
    li          a0, 0x78
    call        kputc
    movi.i64    s1, 60                  # shift of the digit
1:  mov.i64     t4, s0                  # skip zero digits, not the last one
    srl.i64     t4, t4, s1
    movi.i64    t3, 0
    cmp.ne.i64  t4, t3
    b           2f
    cmp.eq.i64  s1, t3
    b           2f
    addi.i64    s1, -4
    j           1b
2:  mov.i64     a0, s0
    srl.i64     a0, a0, s1
    movi.i64    t4, 15
    and.i64     a0, a0, t4
    movi.i64    t4, 10
    cmp.lt.i64  a0, t4
    b           3f
    addi.i64    a0, 39                  # 'a' - '0' - 10
3:  addi.i64    a0, 48
    call        kputc
    movi.i64    t4, 0
    cmp.eq.i64  s1, t4
    b           4f
    addi.i64    s1, -4
    j           2b
4:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret

# kputsx(a0 = string, a1 = number): the string, the number, a newline
    .globl      kputsx
kputsx:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a1
    call        kputs
    mov.i64     a0, s0
    call        kputx
    li          a0, 10
    call        kputc
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

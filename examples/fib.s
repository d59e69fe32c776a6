# fib.s - naive recursive Fibonacci: deep call/ret chains through link
# vectors.  fib(25) = 75025 takes about 250000 calls.  An argument picks n.

    .section    .rodata
fmt:
    .string     "fib(%d) = %ld\n"

    .text

# long fib(long n)
    .globl      fib
    .type       fib, @function
fib:
    li          t1, 2
    cmp.lt.i64  a0, t1
    b           1f                      # fib(0) = 0, fib(1) = 1
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    addi.i64    a0, -1
    call        fib
    mov.i64     s1, a0
    mov.i64     a0, s0
    addi.i64    a0, -2
    call        fib
    add.i64     a0, a0, s1
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
1:  ret
    .size       fib, .-fib

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    li          s0, 25
    movi.i64    t1, 2
    cmp.lt.i64  a0, t1
    b           1f
    load.i64    a0, 8(a1)
    call        atoi
    mov.i64     s0, a0
1:  mov.i64     a0, s0
    call        fib
    mov.i64     a2, a0
    mov.i64     a1, s0
    la          a0, fmt
    call        printf
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

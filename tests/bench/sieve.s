# sieve.s - benchmark main (glyph-as source, linked with
# examples/sieve/sieve.s, crt0 and libgrt): the sieve of the sieve
# example over N (argument, default 100) on a calloc'd byte array,
# printing only "COUNT primes below N", not every prime.

    .section    .rodata
fmt_count:
    .string     "%ld primes below %ld\n"

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    li          s0, 100                 # s0: N
    movi.i64    t1, 2
    cmp.lt.i64  a0, t1
    b           1f
    load.i64    a0, 8(a1)
    call        atol
    mov.i64     s0, a0
1:  mov.i64     a0, s0
    addi.i64    a0, 1
    movi.i64    a1, 1
    call        calloc                  # one byte per number: 1 = composite
    mov.i64     s1, a0                  # s1: the array
    li          a0, 1
    movi.i64    t1, 0
    cmp.eq.i64  s1, t1
    b           9f                      # out of memory
    mov.i64     a0, s1
    mov.i64     a1, s0
    call        sieve
    mov.i64     a1, a0
    la          a0, fmt_count
    mov.i64     a2, s0
    call        printf
    mov.i64     a0, s1
    call        free
    movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

# main.s - the sieve example: the primes below N (default 100; an
# argument sets N, which must not be negative) by the sieve of
# Eratosthenes of sieve.s on a calloc'd byte array, then their count.

    .section    .rodata
fmt_first:
    .string     "%d"
fmt_next:
    .string     " %d"
fmt_count:
    .string     "%d primes below %d\n"
fmt_neg:
    .string     "sieve: N must be 0 or more, not %d\n"
fmt_nomem:
    .string     "sieve: out of memory for N = %d\n"

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    li          s0, 100                 # s0: N
    movi.i64    t1, 2
    cmp.lt.i64  a0, t1
    b           1f
    load.i64    a0, 8(a1)
    call        atoi
    mov.i64     s0, a0
1:  movi.i64    t1, 0
    cmp.ge.i64  s0, t1
    b           11f
    la          a1, fmt_neg
    j           8f
11: mov.i64     a0, s0
    addi.i64    a0, 1
    movi.i64    a1, 1
    call        calloc                  # one byte per number: 1 = composite
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           2f
    la          a1, fmt_nomem
8:  movi.i64    a0, 2                   # a1: the message
    mov.i64     a2, s0
    call        dprintf
    li          a0, 1
    j           9f
2:  mov.i64     s1, a0                  # s1: the array
    mov.i64     a1, s0
    call        sieve
    mov.i64     s3, a0                  # s3: primes found
    movi.i64    s2, 2                   # s2: i
    movi.i64    s4, 0                   # s4: primes printed
3:  cmp.ge.i64  s2, s0
    b           7f
    add.i64     t1, s1, s2
    load.u8     t2, 0(t1)
    movi.i64    t3, 0
    cmp.ne.i64  t2, t3
    b           6f                      # composite
    la          a0, fmt_next
    cmp.ne.i64  s4, t3
    b           4f
    la          a0, fmt_first
4:  mov.i64     a1, s2
    call        printf
    addi.i64    s4, 1
6:  addi.i64    s2, 1
    j           3b
7:  li          a0, '\n'
    call        putchar
    la          a0, fmt_count
    mov.i64     a1, s3
    mov.i64     a2, s0
    call        printf
    mov.i64     a0, s1
    call        free
    movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

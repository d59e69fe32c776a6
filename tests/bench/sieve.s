# sieve.s - benchmark (glyph-as source, linked with crt0 and libgrt):
# the sieve of examples/sieve.s without printing every prime: primes
# below N (argument, default 100) on a calloc'd byte array, crossing out
# from i*i, then "COUNT primes below N".

    .section .rodata
fmt_count:
    .string "%ld primes below %ld\n"

    .text
    .globl main
    .type main, @function
main:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    store.i64 s0, 8(sp)
    store.i64 s1, 16(sp)
    store.i64 s2, 24(sp)
    store.i64 s3, 32(sp)
    li s0, 100                  # s0: N
    movi.i64 t1, 2
    cmp.lt.i64 a0, t1
    b 1f
    load.i64 a0, 8(a1)
    call atol
    mov.i64 s0, a0
1:  mov.i64 a0, s0
    addi.i64 a0, 1
    movi.i64 a1, 1
    call calloc                 # one byte per number: 1 = composite
    movi.i64 t1, 0
    cmp.ne.i64 a0, t1
    b 2f
    li a0, 1
    j 9f
2:  mov.i64 s1, a0              # s1: the array
    movi.i64 s2, 2              # s2: i
    movi.i64 s3, 0              # s3: primes found
3:  cmp.ge.i64 s2, s0
    b 7f
    add.i64 t1, s1, s2
    load.u8 t2, 0(t1)
    movi.i64 t3, 0
    cmp.ne.i64 t2, t3
    b 6f                        # composite
    addi.i64 s3, 1
    mul.i64 t1, s2, s2          # cross out i*i, i*i + i, ...
    movi.i64 t3, 1
5:  cmp.ge.i64 t1, s0
    b 6f
    add.i64 t2, s1, t1
    store.i8 t3, 0(t2)
    add.i64 t1, t1, s2
    j 5b
6:  addi.i64 s2, 1
    j 3b
7:  la a0, fmt_count
    mov.i64 a1, s3
    mov.i64 a2, s0
    call printf
    mov.i64 a0, s1
    call free
    movi.i64 a0, 0
9:  load.i64 ra, 0(sp)
    load.i64 s0, 8(sp)
    load.i64 s1, 16(sp)
    load.i64 s2, 24(sp)
    load.i64 s3, 32(sp)
    addi.i64 sp, 64
    ret
    .size main, .-main

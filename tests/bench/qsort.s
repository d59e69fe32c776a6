# qsort.s - benchmark main (glyph-as source, linked with
# examples/qsort/quicksort.s, crt0 and libgrt): the qsort example's
# recursive quicksort over N longs (argument, default 1000) made by a
# 64-bit LCG in a malloc'd array, then an order check and a checksum
# instead of printing every number.

    .section    .rodata
fmt:
    .string     "%ld numbers, %ld out of order, checksum %lx\n"

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    li          s1, 1000                # s1: N
    movi.i64    t1, 2
    cmp.lt.i64  a0, t1
    b           1f
    load.i64    a0, 8(a1)
    call        atol
    mov.i64     s1, a0
1:  mov.i64     a0, s1
    slli.i64    a0, 3
    call        malloc
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           2f
    li          a0, 1
    j           9f
2:  mov.i64     s0, a0                  # s0: the array
    li          t2, 6364136223846793005 # x = x * A + C
    li          t3, 1442695040888963407
    movi.i64    t4, 1                   # t4: x
    mov.i64     t5, s0                  # t5: cursor
    movi.i64    t6, 0                   # t6: i
3:  cmp.ge.i64  t6, s1
    b           4f
    mul.i64     t4, t4, t2
    add.i64     t4, t4, t3
    mov.i64     t7, t4
    srai.i64    t7, 16
    store.i64   t7, 0(t5)
    addi.i64    t5, 8
    addi.i64    t6, 1
    j           3b
4:  mov.i64     a0, s0
    movi.i64    a1, 0
    mov.i64     a2, s1
    addi.i64    a2, -1
    call        quicksort
    movi.i64    a2, 0                   # a2: out of order
    movi.i64    a3, 0                   # a3: checksum = checksum * 31 + a[i]
    movi.i64    t6, 0                   # t6: i
    mov.i64     t5, s0
    li          t2, 31
5:  cmp.ge.i64  t6, s1
    b           7f
    load.i64    t3, 0(t5)
    movi.i64    t1, 0
    cmp.eq.i64  t6, t1
    b           6f
    load.i64    t4, -8(t5)
    cmp.lt.i64  t3, t4
    b           55f
    j           6f
55: addi.i64    a2, 1
6:  mul.i64     a3, a3, t2
    add.i64     a3, a3, t3
    addi.i64    t5, 8
    addi.i64    t6, 1
    j           5b
7:  la          a0, fmt
    mov.i64     a1, s1
    call        printf
    movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

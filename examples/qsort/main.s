# main.s - the qsort example: sort longs with the recursive quicksort of
# quicksort.s and print them one per line.  The numbers come from the
# arguments, or a built-in array without any.

    .data
    .balign     8
numbers:
    .quad       38, -7, 1024, 0, 5, 99, -300, 42, 17, 5
    .quad       3, 8000, -1, 64, 2, 77, 123456789, -98765, 11, 6
numbers_end:

    .section    .rodata
fmt:
    .string     "%ld\n"

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    la          s0, numbers             # s0: array
    la          t1, numbers_end
    sub.i64     s1, t1, s0
    srli.i64    s1, 3                   # s1: count
    movi.i64    t1, 2
    cmp.lt.i64  a0, t1
    b           2f
    mov.i64     s1, a0                  # from the arguments
    addi.i64    s1, -1
    mov.i64     s2, a1
    mov.i64     a0, s1
    slli.i64    a0, 3
    call        malloc
    mov.i64     s0, a0
    movi.i64    t1, 0
    store.i64   t1, 32(sp)
1:  load.i64    t1, 32(sp)
    cmp.ge.i64  t1, s1
    b           2f
    slli.i64    t1, 3
    add.i64     t1, t1, s2
    load.i64    a0, 8(t1)
    call        atol
    load.i64    t1, 32(sp)
    slli.i64    t1, 3
    add.i64     t1, t1, s0
    store.i64   a0, 0(t1)
    load.i64    t1, 32(sp)
    addi.i64    t1, 1
    store.i64   t1, 32(sp)
    j           1b
2:  mov.i64     a0, s0
    movi.i64    a1, 0
    mov.i64     a2, s1
    addi.i64    a2, -1
    call        quicksort
    movi.i64    s2, 0
3:  cmp.ge.i64  s2, s1
    b           4f
    mov.i64     t1, s2
    slli.i64    t1, 3
    add.i64     t1, t1, s0
    load.i64    a1, 0(t1)
    la          a0, fmt
    call        printf
    addi.i64    s2, 1
    j           3b
4:  movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

# quicksort.s - the recursive quicksort of the qsort example (also run
# by the benchmark tests/bench/qsort.s): Lomuto partition with a[hi] as
# the pivot; the second recursion is a `tail` call.

    .text

# void quicksort(long *a, long lo, long hi): sorts a[lo..hi]
    .globl      quicksort
    .type       quicksort, @function
quicksort:
    cmp.ge.i64  a1, a2
    b           9f
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0                  # s0: a
    mov.i64     s1, a2                  # s1: hi
    mov.i64     t1, a2
    slli.i64    t1, 3
    add.i64     t1, t1, a0
    load.i64    t2, 0(t1)               # t2: pivot = a[hi]
    mov.i64     s2, a1                  # s2: i (store position)
    mov.i64     t3, a1                  # t3: j
    mov.i64     t7, a1                  # t7: lo
1:  cmp.ge.i64  t3, s1
    b           3f
    mov.i64     t4, t3
    slli.i64    t4, 3
    add.i64     t4, t4, s0
    load.i64    t5, 0(t4)               # a[j]
    cmp.ge.i64  t5, t2
    b           2f
    mov.i64     t6, s2                  # swap a[i], a[j]
    slli.i64    t6, 3
    add.i64     t6, t6, s0
    load.i64    t8, 0(t6)
    store.i64   t5, 0(t6)
    store.i64   t8, 0(t4)
    addi.i64    s2, 1
2:  addi.i64    t3, 1
    j           1b
3:  mov.i64     t6, s2                  # swap a[i], a[hi]
    slli.i64    t6, 3
    add.i64     t6, t6, s0
    load.i64    t8, 0(t6)
    store.i64   t2, 0(t6)
    store.i64   t8, 0(t1)
    mov.i64     a0, s0                  # quicksort(a, lo, i - 1)
    mov.i64     a1, t7
    mov.i64     a2, s2
    addi.i64    a2, -1
    call        quicksort
    mov.i64     a0, s0                  # tail: quicksort(a, i + 1, hi)
    mov.i64     a1, s2
    addi.i64    a1, 1
    mov.i64     a2, s1
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    tail        quicksort
9:  ret
    .size       quicksort, .-quicksort

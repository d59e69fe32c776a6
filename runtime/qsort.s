# qsort.s - qsort(base, n, size, compar) and bsearch, with compar a
# function pointer (descriptor, see icall.s) to int compar(const void *a,
# const void *b) returning <0, 0 or >0 (an int: the low 32 bits count).
#
# Quicksort: the middle element is the pivot (moved to the end, Lomuto
# partition), the smaller part recursed into and the larger one looped
# on, so the stack stays O(log n) deep; elements are swapped byte by byte.

    .text

# __grt_swap(a, b, size): exchange two elements
    .type __grt_swap, @function
__grt_swap:
    movi.i64 t3, 0
1:  cmp.eq.i64 a2, t3
    b 2f
    load.u8 t1, 0(a0)
    load.u8 t2, 0(a1)
    store.i8 t2, 0(a0)
    store.i8 t1, 0(a1)
    addi.i64 a0, 1
    addi.i64 a1, 1
    addi.i64 a2, -1
    j 1b
2:  ret
    .size __grt_swap, .-__grt_swap

# __grt_qsort(lo, hi, size, compar): sort the elements from lo to hi
# (both included; nothing when lo >= hi, compared as addresses)
# s0 lo, s1 hi, s2 size, s3 compar, s4 store position, s5 scan position
    .type __grt_qsort, @function
__grt_qsort:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    store.i64 s0, 8(sp)
    store.i64 s1, 16(sp)
    store.i64 s2, 24(sp)
    store.i64 s3, 32(sp)
    store.i64 s4, 40(sp)
    store.i64 s5, 48(sp)
    mov.i64 s0, a0
    mov.i64 s1, a1
    mov.i64 s2, a2
    mov.i64 s3, a3
1:  cmp.geu.i64 s0, s1
    b 9f
    sub.i64 t1, s1, s0          # middle element to the end as the pivot
    divu.i64 t1, t1, s2
    srli.i64 t1, 1
    mul.i64 t1, t1, s2
    add.i64 a0, s0, t1
    mov.i64 a1, s1
    mov.i64 a2, s2
    call __grt_swap
    mov.i64 s4, s0
    mov.i64 s5, s0
2:  cmp.geu.i64 s5, s1
    b 4f
    mov.i64 a0, s5
    mov.i64 a1, s1
    mov.i64 t1, s3
    call __grt_icall            # compar(scan, pivot)
    slli.i64 a0, 32
    movi.i64 t1, 0
    cmp.ge.i64 a0, t1
    b 3f
    mov.i64 a0, s4
    mov.i64 a1, s5
    mov.i64 a2, s2
    call __grt_swap
    add.i64 s4, s4, s2
3:  add.i64 s5, s5, s2
    j 2b
4:  mov.i64 a0, s4              # the pivot to its place
    mov.i64 a1, s1
    mov.i64 a2, s2
    call __grt_swap
    sub.i64 t1, s4, s0          # left part: s0 .. s4 - size
    sub.i64 t2, s1, s4          # right part: s4 + size .. s1
    cmp.ltu.i64 t1, t2
    b 5f
    add.i64 a0, s4, s2          # right is smaller: recurse there, loop on the left
    mov.i64 a1, s1
    mov.i64 a2, s2
    mov.i64 a3, s3
    call __grt_qsort
    sub.i64 s1, s4, s2
    cmp.ltu.i64 s4, s0          # s4 - size wrapped below lo: done
    b 9f
    cmp.eq.i64 s4, s0
    b 9f
    j 1b
5:  mov.i64 a0, s0              # left is smaller
    sub.i64 a1, s4, s2
    mov.i64 a2, s2
    mov.i64 a3, s3
    cmp.eq.i64 s4, s0
    b 6f
    call __grt_qsort
6:  add.i64 s0, s4, s2
    j 1b
9:  load.i64 ra, 0(sp)
    load.i64 s0, 8(sp)
    load.i64 s1, 16(sp)
    load.i64 s2, 24(sp)
    load.i64 s3, 32(sp)
    load.i64 s4, 40(sp)
    load.i64 s5, 48(sp)
    addi.i64 sp, 64
    ret
    .size __grt_qsort, .-__grt_qsort

# void qsort(void *base, size_t n, size_t size, compar)
    .globl qsort
    .type qsort, @function
qsort:
    li t1, 2
    cmp.ltu.i64 a1, t1
    b 1f                        # 0 or 1 element
    movi.i64 t1, 0
    cmp.eq.i64 a2, t1
    b 1f
    addi.i64 a1, -1             # hi = base + (n - 1) * size
    mul.i64 a1, a1, a2
    add.i64 a1, a1, a0
    tail __grt_qsort
1:  ret
    .size qsort, .-qsort

# void *bsearch(const void *key, const void *base, size_t n, size_t size,
#               compar): compar(key, element); NULL when not found
# s0 key, s1 base, s2 n, s3 size, s4 compar, s5 the element tried
    .globl bsearch
    .type bsearch, @function
bsearch:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    store.i64 s0, 8(sp)
    store.i64 s1, 16(sp)
    store.i64 s2, 24(sp)
    store.i64 s3, 32(sp)
    store.i64 s4, 40(sp)
    store.i64 s5, 48(sp)
    mov.i64 s0, a0
    mov.i64 s1, a1
    mov.i64 s2, a2
    mov.i64 s3, a3
    mov.i64 s4, a4
1:  movi.i64 t1, 0
    cmp.eq.i64 s2, t1
    b 8f
    mov.i64 t1, s2
    srli.i64 t1, 1
    mul.i64 t1, t1, s3
    add.i64 s5, s1, t1          # middle
    mov.i64 a0, s0
    mov.i64 a1, s5
    mov.i64 t1, s4
    call __grt_icall
    slli.i64 a0, 32
    movi.i64 t1, 0
    cmp.eq.i64 a0, t1
    b 7f
    cmp.lt.i64 a0, t1
    b 2f
    add.i64 s1, s5, s3          # key is after the middle
    mov.i64 t1, s2
    srli.i64 t1, 1
    sub.i64 s2, s2, t1
    addi.i64 s2, -1
    j 1b
2:  srli.i64 s2, 1              # key is before the middle
    j 1b
7:  mov.i64 a0, s5
    j 9f
8:  movi.i64 a0, 0
9:  load.i64 ra, 0(sp)
    load.i64 s0, 8(sp)
    load.i64 s1, 16(sp)
    load.i64 s2, 24(sp)
    load.i64 s3, 32(sp)
    load.i64 s4, 40(sp)
    load.i64 s5, 48(sp)
    addi.i64 sp, 64
    ret
    .size bsearch, .-bsearch

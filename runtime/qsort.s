# qsort.s - qsort(base, n, size, compar) and bsearch, with compar a
# function pointer (descriptor, see icall.s) to int compar(const void *a,
# const void *b) returning <0, 0 or >0 (an int: the low 32 bits count).
#
# qsort is an introsort (docs/runtime.md gives the algorithm step by step,
# for the benchmark twins): median-of-three pivot, Dijkstra's three-way
# partition (keys equal to the pivot are done at once, so runs of equal
# keys cost O(n)), recursion into the smaller side and a loop on the
# larger one, heapsort when 2 * floor(log2 n) levels did not finish, and
# insertion sort below 13 elements.  O(n log n) comparisons in the worst
# case, O(log n) stack; not stable.

# compar_ge X, Y: flag = compar(X, Y) >= 0 with compar in s3 (X and Y
# not a0/a1)
    .macro      compar_ge x, y
    mov.i64     a0, \x
    mov.i64     a1, \y
    mov.i64     t1, s3
    call        __grt_icall
    slli.i64    a0, 32
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    .endm

    .text

# __grt_swap(a, b, size): exchange two elements, 8 bytes at a time
    .type       __grt_swap, @function
__grt_swap:
    movi.i64    t3, 8
1:  cmp.ltu.i64 a2, t3
    b           2f
    load.i64    t1, 0(a0)
    load.i64    t2, 0(a1)
    store.i64   t2, 0(a0)
    store.i64   t1, 0(a1)
    addi.i64    a0, 8
    addi.i64    a1, 8
    addi.i64    a2, -8
    j           1b
2:  movi.i64    t3, 0
3:  cmp.eq.i64  a2, t3
    b           4f
    load.u8     t1, 0(a0)
    load.u8     t2, 0(a1)
    store.i8    t2, 0(a0)
    store.i8    t1, 0(a1)
    addi.i64    a0, 1
    addi.i64    a1, 1
    addi.i64    a2, -1
    j           3b
4:  ret
    .size       __grt_swap, .-__grt_swap

# __grt_isort(lo, n, size, compar): insertion sort
# s0 lo, s1 end (lo + n * size), s2 size, s3 compar, s4 i, s5 j
    .type       __grt_isort, @function
__grt_isort:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    store.i64   s5, 48(sp)
    mov.i64     s0, a0
    mul.i64     s1, a1, a2
    add.i64     s1, s1, a0
    mov.i64     s2, a2
    mov.i64     s3, a3
    add.i64     s4, s0, s2              # i = lo + size
1:  cmp.geu.i64 s4, s1
    b           9f
    mov.i64     s5, s4
2:  cmp.geu.i64 s0, s5
    b           3f                      # j reached lo
    sub.i64     a0, s5, s2
    mov.i64     a1, s5
    mov.i64     t1, s3
    call        __grt_icall             # compar(a[j-1], a[j])
    slli.i64    a0, 32
    movi.i64    t1, 0
    cmp.ge.i64  t1, a0
    b           3f                      # in order
    sub.i64     a0, s5, s2
    mov.i64     a1, s5
    mov.i64     a2, s2
    call        __grt_swap
    sub.i64     s5, s5, s2
    j           2b
3:  add.i64     s4, s4, s2
    j           1b
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_isort, .-__grt_isort

# __grt_sift(lo, root, n, size, compar): sift element `root` down the
# max-heap of n elements at lo
# s0 lo, s1 root, s2 n, s3 size, s4 compar, s5 child
    .type       __grt_sift, @function
__grt_sift:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    store.i64   s5, 48(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    mov.i64     s3, a3
    mov.i64     s4, a4
1:  add.i64     s5, s1, s1
    addi.i64    s5, 1                   # child = 2 * root + 1
    cmp.geu.i64 s5, s2
    b           9f
    mov.i64     t2, s5
    addi.i64    t2, 1
    cmp.geu.i64 t2, s2
    b           2f                      # no right child
    mul.i64     a0, s5, s3
    add.i64     a0, a0, s0
    add.i64     a1, a0, s3
    mov.i64     t1, s4
    call        __grt_icall             # compar(a[child], a[child + 1])
    slli.i64    a0, 32
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           3f
    j           2f
3:  addi.i64    s5, 1                   # the right child is larger
2:  mul.i64     a0, s1, s3
    add.i64     a0, a0, s0
    mul.i64     a1, s5, s3
    add.i64     a1, a1, s0
    mov.i64     t1, s4
    call        __grt_icall             # compar(a[root], a[child])
    slli.i64    a0, 32
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    b           9f                      # the heap is in order
    mul.i64     a0, s1, s3
    add.i64     a0, a0, s0
    mul.i64     a1, s5, s3
    add.i64     a1, a1, s0
    mov.i64     a2, s3
    call        __grt_swap
    mov.i64     s1, s5
    j           1b
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_sift, .-__grt_sift

# __grt_heapsort(lo, n, size, compar)
# s0 lo, s1 n, s2 size, s3 compar, s4 counter
    .type       __grt_heapsort, @function
__grt_heapsort:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    mov.i64     s3, a3
    mov.i64     s4, a1
    srli.i64    s4, 1                   # heapify: roots n/2 - 1 down to 0
1:  movi.i64    t1, 0
    cmp.eq.i64  s4, t1
    b           2f
    addi.i64    s4, -1
    mov.i64     a0, s0
    mov.i64     a1, s4
    mov.i64     a2, s1
    mov.i64     a3, s2
    mov.i64     a4, s3
    call        __grt_sift
    j           1b
2:  mov.i64     s4, s1                  # s4: heap size; move the maximum to its end
3:  movi.i64    t1, 1
    cmp.geu.i64 t1, s4
    b           9f
    addi.i64    s4, -1
    mov.i64     a0, s0
    mul.i64     a1, s4, s2
    add.i64     a1, a1, s0
    mov.i64     a2, s2
    call        __grt_swap
    mov.i64     a0, s0
    movi.i64    a1, 0
    mov.i64     a2, s4
    mov.i64     a3, s2
    mov.i64     a4, s3
    call        __grt_sift
    j           3b
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_heapsort, .-__grt_heapsort

# __grt_introsort(lo, n, size, compar, depth)
# s0 lo, s1 n, s2 size, s3 compar, s4 depth, s5 lt, s6 i, s7 gt, s8 hi
    .type       __grt_introsort, @function
__grt_introsort:
    addi.i64    sp, -128
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    store.i64   s5, 48(sp)
    store.i64   s6, 56(sp)
    store.i64   s7, 64(sp)
    store.i64   s8, 72(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    mov.i64     s3, a3
    mov.i64     s4, a4
1:  li          t1, 12
    cmp.geu.i64 t1, s1
    b           80f                     # small: insertion sort
    movi.i64    t1, 0
    cmp.eq.i64  s4, t1
    b           85f                     # too deep: heapsort
    addi.i64    s4, -1
    mov.i64     s8, s1                  # hi = lo + (n - 1) * size
    addi.i64    s8, -1
    mul.i64     s8, s8, s2
    add.i64     s8, s8, s0
    mov.i64     s6, s1                  # s6: mid = lo + (n / 2) * size
    srli.i64    s6, 1
    mul.i64     s6, s6, s2
    add.i64     s6, s6, s0
    # median of three: order lo <= mid <= hi
    compar_ge   s6, s0
    b           2f                      # mid >= lo
    mov.i64     a0, s6
    mov.i64     a1, s0
    mov.i64     a2, s2
    call        __grt_swap
2:  compar_ge   s8, s6
    b           3f                      # hi >= mid
    mov.i64     a0, s8
    mov.i64     a1, s6
    mov.i64     a2, s2
    call        __grt_swap
    compar_ge   s6, s0
    b           3f
    mov.i64     a0, s6
    mov.i64     a1, s0
    mov.i64     a2, s2
    call        __grt_swap
3:  mov.i64     a0, s0                  # the median to lo: the pivot
    mov.i64     a1, s6
    mov.i64     a2, s2
    call        __grt_swap
    # three-way partition; a[lt] is always equal to the pivot
    mov.i64     s5, s0
    add.i64     s6, s0, s2
    mov.i64     s7, s8
4:  cmp.ltu.i64 s7, s6
    b           7f                      # i > gt: done
    mov.i64     a0, s6
    mov.i64     a1, s5
    mov.i64     t1, s3
    call        __grt_icall             # compar(a[i], pivot)
    slli.i64    a0, 32
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           5f
    cmp.eq.i64  a0, t1
    b           6f
    mov.i64     a0, s6                  # greater: to the end
    mov.i64     a1, s7
    mov.i64     a2, s2
    call        __grt_swap
    sub.i64     s7, s7, s2
    j           4b
5:  mov.i64     a0, s5                  # less: to the front
    mov.i64     a1, s6
    mov.i64     a2, s2
    call        __grt_swap
    add.i64     s5, s5, s2
6:  add.i64     s6, s6, s2              # (equal: stays in the middle)
    j           4b
    # [lo, lt) < pivot, [lt, gt] = pivot, (gt, hi] > pivot
7:  sub.i64     t1, s5, s0
    divu.i64    t1, t1, s2              # t1: elements on the left
    sub.i64     t2, s8, s7
    divu.i64    t2, t2, s2              # t2: elements on the right
    add.i64     t3, s7, s2              # t3: the right part's first element
    cmp.ltu.i64 t1, t2
    b           8f
    store.i64   t1, 80(sp)              # the right part is smaller: recurse there
    mov.i64     a0, t3
    mov.i64     a1, t2
    mov.i64     a2, s2
    mov.i64     a3, s3
    mov.i64     a4, s4
    call        __grt_introsort
    load.i64    s1, 80(sp)              # loop on the left: lo stays
    j           1b
8:  store.i64   t2, 80(sp)              # the left part is smaller
    store.i64   t3, 88(sp)
    mov.i64     a0, s0
    mov.i64     a1, t1
    mov.i64     a2, s2
    mov.i64     a3, s3
    mov.i64     a4, s4
    call        __grt_introsort
    load.i64    s1, 80(sp)
    load.i64    s0, 88(sp)
    j           1b
80: mov.i64     a0, s0
    mov.i64     a1, s1
    mov.i64     a2, s2
    mov.i64     a3, s3
    call        __grt_isort
    j           99f
85: mov.i64     a0, s0
    mov.i64     a1, s1
    mov.i64     a2, s2
    mov.i64     a3, s3
    call        __grt_heapsort
    j           99f
99: load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    load.i64    s6, 56(sp)
    load.i64    s7, 64(sp)
    load.i64    s8, 72(sp)
    addi.i64    sp, 128
    ret
    .size       __grt_introsort, .-__grt_introsort

# void qsort(void *base, size_t n, size_t size, compar)
    .globl      qsort
    .type       qsort, @function
qsort:
    li          t1, 2
    cmp.ltu.i64 a1, t1
    b           1f                      # 0 or 1 element
    movi.i64    t1, 0
    cmp.eq.i64  a2, t1
    b           1f
    clz.i64     a4, a1                  # depth = 2 * floor(log2 n)
    li          t1, 63
    sub.i64     a4, t1, a4
    add.i64     a4, a4, a4
    tail        __grt_introsort
1:  ret
    .size       qsort, .-qsort

# void *bsearch(const void *key, const void *base, size_t n, size_t size,
#               compar): compar(key, element); NULL when not found
# s0 key, s1 base, s2 n, s3 size, s4 compar, s5 the element tried
    .globl      bsearch
    .type       bsearch, @function
bsearch:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    store.i64   s5, 48(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    mov.i64     s3, a3
    mov.i64     s4, a4
1:  movi.i64    t1, 0
    cmp.eq.i64  s2, t1
    b           8f
    mov.i64     t1, s2
    srli.i64    t1, 1
    mul.i64     t1, t1, s3
    add.i64     s5, s1, t1              # middle
    mov.i64     a0, s0
    mov.i64     a1, s5
    mov.i64     t1, s4
    call        __grt_icall
    slli.i64    a0, 32
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           7f
    cmp.lt.i64  a0, t1
    b           2f
    add.i64     s1, s5, s3              # key is after the middle
    mov.i64     t1, s2
    srli.i64    t1, 1
    sub.i64     s2, s2, t1
    addi.i64    s2, -1
    j           1b
2:  srli.i64    s2, 1                   # key is before the middle
    j           1b
7:  mov.i64     a0, s5
    j           9f
8:  movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    addi.i64    sp, 64
    ret
    .size       bsearch, .-bsearch

# icall.s - function pointers: __grt_icall with all eight register
# arguments, qsort of ints, strings and 1000 random longs, bsearch,
# atexit handlers running in reverse order at exit.

    .data
    .balign     8
d_sum8:
    .quad       sum8, sum8.const        # function pointers (descriptors)
d_cmp_int:
    .quad       cmp_int, cmp_int.const
d_cmp_str:
    .quad       cmp_str, cmp_str.const
d_cmp_long:
    .quad       cmp_long, cmp_long.const
d_bye1:
    .quad       bye1, bye1.const
d_bye2:
    .quad       bye2, bye2.const
ints:
    .long       5, -3, 99, 0, 42, -3, 7, 2147483647, -2147483648, 1
ints_end:
words:
    .quad       w_pear, w_apple, w_fig, w_banana, w_cherry, w_apple2
words_end:

    .section    .rodata
w_pear:
    .string     "pear"
w_apple:
    .string     "apple"
w_fig:
    .string     "fig"
w_banana:
    .string     "banana"
w_cherry:
    .string     "cherry"
w_apple2:
    .string     "apple"
fmt_n:
    .string     "%s %ld\n"
fmt_i:
    .string     " %d"
fmt_s:
    .string     " %s"
n_sum:
    .string     "sum8"
n_sorted:
    .string     "random-sorted"
n_found:
    .string     "bsearch-found-index"
n_missing:
    .string     "bsearch-missing"
n_ints:
    .string     "ints:"
n_words:
    .string     "words:"
s_bye1:
    .string     "bye1"
s_bye2:
    .string     "bye2"
s_nl:
    .string     ""

    .bss
    .balign     64
longs:
    .zero       8000
key:
    .zero       8

    .text

# long sum8(a0..a7): a0 + 2*a1 + 3*a2 + ... + 8*a7
    .type       sum8, @function
sum8:
    mov.i64     t1, a0
    add.i64     t1, t1, a1
    add.i64     t1, t1, a1
    li          t3, 3
    mul.i64     t2, a2, t3
    add.i64     t1, t1, t2
    li          t3, 4
    mul.i64     t2, a3, t3
    add.i64     t1, t1, t2
    li          t3, 5
    mul.i64     t2, a4, t3
    add.i64     t1, t1, t2
    li          t3, 6
    mul.i64     t2, a5, t3
    add.i64     t1, t1, t2
    li          t3, 7
    mul.i64     t2, a6, t3
    add.i64     t1, t1, t2
    li          t3, 8
    mul.i64     t2, a7, t3
    add.i64     a0, t1, t2
    ret

# int cmp_int(const int *a, const int *b)
    .type       cmp_int, @function
cmp_int:
    load.i32    t1, 0(a0)
    load.i32    t2, 0(a1)
    movi.i64    a0, 0
    cmp.lt.i64  t1, t2
    b           1f
    cmp.eq.i64  t1, t2
    b           2f
    movi.i64    a0, 1
    ret
1:  li          a0, -1
2:  ret

# int cmp_long(const long *a, const long *b)
    .type       cmp_long, @function
cmp_long:
    load.i64    t1, 0(a0)
    load.i64    t2, 0(a1)
    movi.i64    a0, 0
    cmp.lt.i64  t1, t2
    b           1f
    cmp.eq.i64  t1, t2
    b           2f
    movi.i64    a0, 1
    ret
1:  li          a0, -1
2:  ret

# int cmp_str(char *const *a, char *const *b) = strcmp(*a, *b)
    .type       cmp_str, @function
cmp_str:
    load.i64    a0, 0(a0)
    load.i64    a1, 0(a1)
    tail        strcmp

    .type       bye1, @function
bye1:
    la          a0, s_bye1
    tail        puts

    .type       bye2, @function
bye2:
    la          a0, s_bye2
    tail        puts

    .type       report, @function
report:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt_n
    tail        printf

# an indirect call with eight arguments
    .type       t_sum, @function
t_sum:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    li          a0, 1
    li          a1, 10
    li          a2, 100
    li          a3, 1000
    li          a4, 10000
    li          a5, 100000
    li          a6, 1000000
    li          a7, 10000000
    la          t1, d_sum8
    call        __grt_icall
    mov.i64     a1, a0
    la          a0, n_sum
    call        report
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

# qsort ints and strings, print them
    .type       t_sort, @function
t_sort:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    la          a0, ints
    li          a1, 10
    li          a2, 4
    la          a3, d_cmp_int
    call        qsort
    la          a0, n_ints
    call        printf
    la          s0, ints
1:  la          t1, ints_end
    cmp.geu.i64 s0, t1
    b           2f
    load.i32    a1, 0(s0)
    la          a0, fmt_i
    call        printf
    addi.i64    s0, 4
    j           1b
2:  la          a0, s_nl
    call        puts
    la          a0, words
    li          a1, 6
    li          a2, 8
    la          a3, d_cmp_str
    call        qsort
    la          a0, n_words
    call        printf
    la          s0, words
3:  la          t1, words_end
    cmp.geu.i64 s0, t1
    b           4f
    load.i64    a1, 0(s0)
    la          a0, fmt_s
    call        printf
    addi.i64    s0, 8
    j           3b
4:  la          a0, s_nl
    call        puts
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

# 1000 random longs (with repeats): sorted afterwards; bsearch
    .type       t_random, @function
t_random:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    movi.i64    s0, 0
1:  li          t1, 1000
    cmp.ge.i64  s0, t1
    b           2f
    call        rand
    li          t1, 500
    remu.i64    a0, a0, t1
    la          t1, longs
    mov.i64     t2, s0
    slli.i64    t2, 3
    add.i64     t1, t1, t2
    store.i64   a0, 0(t1)
    addi.i64    s0, 1
    j           1b
2:  la          a0, longs
    li          a1, 1000
    li          a2, 8
    la          a3, d_cmp_long
    call        qsort
    movi.i64    s1, 1                   # s1: still sorted
    movi.i64    s0, 1
3:  li          t1, 1000
    cmp.ge.i64  s0, t1
    b           4f
    la          t1, longs
    mov.i64     t2, s0
    slli.i64    t2, 3
    add.i64     t1, t1, t2
    load.i64    t3, -8(t1)
    load.i64    t4, 0(t1)
    cmp.le.i64  t3, t4
    b           5f
    movi.i64    s1, 0
5:  addi.i64    s0, 1
    j           3b
4:  mov.i64     a1, s1
    la          a0, n_sorted
    call        report
    la          t1, longs               # look for the value at index 777
    li          t2, 6216
    add.i64     t1, t1, t2
    load.i64    t3, 0(t1)
    la          a0, key
    store.i64   t3, 0(a0)
    la          a1, longs
    li          a2, 1000
    li          a3, 8
    la          a4, d_cmp_long
    call        bsearch
    load.i64    t1, 0(a0)               # report the value found
    la          t2, key
    load.i64    t2, 0(t2)
    sub.i64     a1, t1, t2
    la          a0, n_found
    call        report
    la          a0, key
    li          t1, 1000
    store.i64   t1, 0(a0)
    la          a1, longs
    li          a2, 1000
    li          a3, 8
    la          a4, d_cmp_long
    call        bsearch
    mov.i64     a1, a0
    la          a0, n_missing
    call        report
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        t_sum
    call        t_sort
    call        t_random
    la          a0, d_bye1
    call        atexit
    la          a0, d_bye2
    call        atexit
    li          a0, 5
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

# qsort_adv.s - qsort on adversarial inputs (qsort_adv.sh checks the
# output).  For each pattern (random, all equal, sorted, reverse, organ
# pipe, three distinct keys, 20% zeros, sawtooth, interleaved) and element
# sizes 8 (a long), 24 (key, index, ~index) and 3 (bytes, memcmp order),
# 5000 elements are sorted with a comparator that counts its calls; the
# program checks the order, that the keys are the same multiset and that
# the records stayed whole, and prints the count.  Then 2000 random
# 24-byte records are printed before and after sorting, for the host to
# compare ("in"/"out" lines).

    .data
    .balign     8
by_long:
    .quad       cmp_long, cmp_long.const
by_3:
    .quad       cmp_3, cmp_3.const
ncmp:
    .quad       0

    .section    .rodata
fmt_res:
    .string     "pattern %ld size %ld: order %s, keys %s, records %s, compares %ld\n"
fmt_in:
    .string     "in %ld %ld\n"
fmt_out:
    .string     "out %ld %ld\n"
s_ok:
    .string     "ok"
s_bad:
    .string     "BAD"

    .bss
    .balign     64
arr:
    .zero       120000                  # 5000 x 24 bytes

    .text

# int cmp_long(const long *a, const long *b): counts calls
    .type       cmp_long, @function
cmp_long:
    la          t1, ncmp
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    load.i64    t1, 0(a0)
    load.i64    t2, 0(a1)
    movi.i64    a0, 0
    movi.i64    t3, 1
    li          t4, -1
    cmp.lt.i64  t2, t1
    cmov.i64    a0, t3
    cmp.lt.i64  t1, t2
    cmov.i64    a0, t4
    ret
    .size       cmp_long, .-cmp_long

# int cmp_3(a, b): memcmp(a, b, 3), counted
    .type       cmp_3, @function
cmp_3:
    la          t1, ncmp
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    li          a2, 3
    tail        memcmp
    .size       cmp_3, .-cmp_3

# long key(long pattern, long i, long n): the i-th key of a pattern
    .type       key, @function
key:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    call        rand                    # a random number for those that need one
    mov.i64     t5, a0
    mov.i64     a0, t5                  # 0: random
    movi.i64    t1, 0
    cmp.eq.i64  s0, t1
    b           9f
    li          a0, 42                  # 1: all equal
    movi.i64    t1, 1
    cmp.eq.i64  s0, t1
    b           9f
    mov.i64     a0, s1                  # 2: sorted
    movi.i64    t1, 2
    cmp.eq.i64  s0, t1
    b           9f
    sub.i64     a0, s2, s1              # 3: reverse
    movi.i64    t1, 3
    cmp.eq.i64  s0, t1
    b           9f
    mov.i64     t2, s2                  # 4: organ pipe
    srli.i64    t2, 1
    mov.i64     a0, s1
    sub.i64     t3, s2, s1
    cmp.ge.i64  s1, t2
    cmov.i64    a0, t3
    movi.i64    t1, 4
    cmp.eq.i64  s0, t1
    b           9f
    li          t2, 3                   # 5: three distinct keys
    remu.i64    a0, t5, t2
    movi.i64    t1, 5
    cmp.eq.i64  s0, t1
    b           9f
    li          t2, 5                   # 6: 20% zeros
    remu.i64    t3, t5, t2
    srli.i64    t5, 3
    mov.i64     a0, t5
    movi.i64    t2, 0
    cmp.eq.i64  t3, t2
    cmov.i64    a0, t2
    movi.i64    t1, 6
    cmp.eq.i64  s0, t1
    b           9f
    li          t2, 100                 # 7: sawtooth
    remu.i64    a0, s1, t2
    movi.i64    t1, 7
    cmp.eq.i64  s0, t1
    b           9f
    movi.i64    t2, 1                   # 8: interleaved: odd i up, even i down
    and.i64     t3, s1, t2
    sub.i64     a0, s2, s1
    cmp.eq.i64  t3, t2
    cmov.i64    a0, s1
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       key, .-key

# long mix(long k): a hash of one key, summed for the multiset check
    .type       mix, @function
mix:
    li          t1, 0x9e3779b97f4a7c15
    mul.i64     t2, a0, t1
    mov.i64     t3, t2
    srli.i64    t3, 29
    xor.i64     a0, t2, t3
    mul.i64     a0, a0, t1
    ret
    .size       mix, .-mix

# fill(pattern, size, n): arr = n elements; returns the key hash sum
# s0 pattern, s1 size, s2 n, s3 i, s4 hash, s5 element
    .type       fill, @function
fill:
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
    movi.i64    s3, 0
    movi.i64    s4, 0
1:  cmp.geu.i64 s3, s2
    b           9f
    mov.i64     a0, s0
    mov.i64     a1, s3
    mov.i64     a2, s2
    call        key
    la          s5, arr
    mul.i64     t1, s3, s1
    add.i64     s5, s5, t1
    li          t1, 3
    cmp.ne.i64  s1, t1
    b           2f
    li          t1, 255                 # 3 bytes: the key's low byte three ways
    and.i64     a0, a0, t1
    store.i8    a0, 0(s5)
    xor.i64     t2, a0, t1
    store.i8    t2, 1(s5)
    store.i8    a0, 2(s5)
    j           3f
2:  store.i64   a0, 0(s5)
    li          t1, 24
    cmp.ne.i64  s1, t1
    b           3f
    store.i64   s3, 8(s5)
    not.i64     t2, s3
    store.i64   t2, 16(s5)
3:  call        mix
    add.i64     s4, s4, a0
    addi.i64    s3, 1
    j           1b
9:  mov.i64     a0, s4
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    addi.i64    sp, 64
    ret
    .size       fill, .-fill

# verify(size, n, desc): returns bit 0 order ok, bit 1 keys hash (in a1
# as input: the expected hash), bit 2 records whole
# s0 size, s1 n, s2 desc, s3 i, s4 hash, s5 expected hash, s6 flags
    .type       verify, @function
verify:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    store.i64   s5, 48(sp)
    store.i64   s6, 56(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    mov.i64     s5, a3
    movi.i64    s6, 7
    movi.i64    s3, 0
    movi.i64    s4, 0
1:  cmp.geu.i64 s3, s1
    b           8f
    la          t1, arr
    mul.i64     t2, s3, s0
    add.i64     t1, t1, t2
    li          t3, 3
    cmp.ne.i64  s0, t3
    b           2f
    load.u8     a0, 0(t1)               # 3 bytes: the key and its copies
    load.u8     t4, 1(t1)
    li          t5, 255
    xor.i64     t4, t4, t5
    load.u8     t5, 2(t1)
    cmp.ne.i64  t4, a0
    b           6f
    cmp.ne.i64  t5, a0
    b           6f
    j           3f
2:  load.i64    a0, 0(t1)
    li          t3, 24
    cmp.ne.i64  s0, t3
    b           3f
    load.i64    t4, 8(t1)
    load.i64    t5, 16(t1)
    not.i64     t5, t5
    cmp.eq.i64  t4, t5
    b           3f
6:  li          t6, -5                  # a record was torn
    and.i64     s6, s6, t6
3:  call        mix
    add.i64     s4, s4, a0
    movi.i64    t1, 0                   # order: element i-1 <= element i
    cmp.eq.i64  s3, t1
    b           4f
    la          a1, arr
    mul.i64     t2, s3, s0
    add.i64     a1, a1, t2
    sub.i64     a0, a1, s0
    mov.i64     t1, s2
    call        __grt_icall
    slli.i64    a0, 32
    movi.i64    t1, 0
    cmp.ge.i64  t1, a0
    b           4f
    li          t6, -2
    and.i64     s6, s6, t6
4:  addi.i64    s3, 1
    j           1b
8:  cmp.eq.i64  s4, s5
    b           9f
    li          t6, -3
    and.i64     s6, s6, t6
9:  mov.i64     a0, s6
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    load.i64    s6, 56(sp)
    addi.i64    sp, 64
    ret
    .size       verify, .-verify

# char *okbit(long flags, long bit)
    .type       okbit, @function
okbit:
    and.i64     a0, a0, a1
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    la          a0, s_ok
    b           1f
    ret
1:  la          a0, s_bad
    ret
    .size       okbit, .-okbit

# run(pattern, size): one case, one line
# s0 pattern, s1 size, s2 desc, s3 hash, s4 flags, s5 compares
    .type       run, @function
run:
    addi.i64    sp, -128
    store.i64   ra, 64(sp)
    store.i64   s0, 72(sp)
    store.i64   s1, 80(sp)
    store.i64   s2, 88(sp)
    store.i64   s3, 96(sp)
    store.i64   s4, 104(sp)
    store.i64   s5, 112(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    la          s2, by_long
    la          t1, by_3
    li          t2, 3
    cmp.eq.i64  s1, t2
    cmov.i64    s2, t1
    li          a2, 5000
    call        fill
    mov.i64     s3, a0
    la          t1, ncmp
    movi.i64    t2, 0
    store.i64   t2, 0(t1)
    la          a0, arr
    li          a1, 5000
    mov.i64     a2, s1
    mov.i64     a3, s2
    call        qsort
    la          t1, ncmp
    load.i64    s5, 0(t1)
    mov.i64     a0, s1
    li          a1, 5000
    mov.i64     a2, s2
    mov.i64     a3, s3
    call        verify
    mov.i64     s4, a0
    mov.i64     a0, s4
    movi.i64    a1, 4
    call        okbit
    mov.i64     a7, a0
    mov.i64     a0, s4
    movi.i64    a1, 2
    call        okbit
    mov.i64     a6, a0
    mov.i64     a0, s4
    movi.i64    a1, 1
    call        okbit
    mov.i64     a5, a0
    mov.i64     a1, s0
    mov.i64     a2, s1
    mov.i64     a3, a5
    mov.i64     a4, a6
    mov.i64     a5, a7
    mov.i64     a6, s5
    la          a0, fmt_res
    call        printf
    load.i64    ra, 64(sp)
    load.i64    s0, 72(sp)
    load.i64    s1, 80(sp)
    load.i64    s2, 88(sp)
    load.i64    s3, 96(sp)
    load.i64    s4, 104(sp)
    load.i64    s5, 112(sp)
    addi.i64    sp, 128
    ret
    .size       run, .-run

# dump(fmt, n): "in/out key index" for n 24-byte records
    .type       dump, @function
dump:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    la          s2, arr
1:  movi.i64    t1, 0
    cmp.eq.i64  s1, t1
    b           9f
    mov.i64     a0, s0
    load.i64    a1, 0(s2)
    load.i64    a2, 8(s2)
    call        printf
    addi.i64    s2, 24
    addi.i64    s1, -1
    j           1b
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       dump, .-dump

# s0 pattern, s1 size index
    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    movi.i64    s0, 0
1:  li          t1, 9
    cmp.geu.i64 s0, t1
    b           2f
    mov.i64     a0, s0
    li          a1, 8
    call        run
    mov.i64     a0, s0
    li          a1, 24
    call        run
    mov.i64     a0, s0
    li          a1, 3
    call        run
    addi.i64    s0, 1
    j           1b
2:  movi.i64    a0, 6                   # 2000 records with 20% zero keys
    li          a1, 24
    li          a2, 2000
    call        fill
    la          a0, fmt_in
    li          a1, 2000
    call        dump
    la          a0, arr
    li          a1, 2000
    li          a2, 24
    la          a3, by_long
    call        qsort
    la          a0, fmt_out
    li          a1, 2000
    call        dump
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

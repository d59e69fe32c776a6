# malloc.s - malloc, free, calloc, realloc, strdup: alignment, contents
# survive, freed blocks are reused, coalescing, big (mmap) blocks, realloc
# growth keeps data, calloc zeroes reused memory, errno on failure.
# Prints one "name value" line per check; malloc.sh compares.

    .section    .rodata
fmt:
    .string     "%s %ld\n"
n_align:
    .string     "aligned"
n_keep:
    .string     "contents-kept"
n_reuse:
    .string     "reused"
n_merge:
    .string     "coalesced"
n_big:
    .string     "big-aligned"
n_bigrw:
    .string     "big-readwrite"
n_grow:
    .string     "realloc-kept"
n_zero:
    .string     "calloc-zero"
n_dup:
    .string     "strdup-equal"
n_fail:
    .string     "huge-null"
n_errno:
    .string     "huge-errno"
n_free0:
    .string     "free-null"
n_many:
    .string     "many-ok"
s_text:
    .string     "a string to duplicate"

    .text

    .type       report, @function
report:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt
    call        printf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

# long fill(char *p, long n, long seed): p[i] = seed + i; returns p
    .type       fill, @function
fill:
    movi.i64    t1, 0
1:  cmp.ge.i64  t1, a1
    b           2f
    add.i64     t2, a0, t1
    add.i64     t3, a2, t1
    store.i8    t3, 0(t2)
    addi.i64    t1, 1
    j           1b
2:  ret

# long check(char *p, long n, long seed): 1 if p[i] == (seed + i) & 255
    .type       check, @function
check:
    movi.i64    t1, 0
    li          t4, 255
1:  cmp.ge.i64  t1, a1
    b           2f
    add.i64     t2, a0, t1
    load.u8     t2, 0(t2)
    add.i64     t3, a2, t1
    and.i64     t3, t3, t4
    cmp.ne.i64  t2, t3
    b           3f
    addi.i64    t1, 1
    j           1b
2:  movi.i64    a0, 1
    ret
3:  movi.i64    a0, 0
    ret

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -128
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    # three blocks: 16-byte aligned, contents independent
    li          a0, 24
    call        malloc
    mov.i64     s0, a0
    li          a0, 100
    call        malloc
    mov.i64     s1, a0
    li          a0, 7
    call        malloc
    mov.i64     s2, a0
    or.i64      t1, s0, s1
    or.i64      t1, t1, s2
    li          t2, 15
    and.i64     a1, t1, t2
    la          a0, n_align
    call        report
    mov.i64     a0, s0
    li          a1, 24
    li          a2, 1
    call        fill
    mov.i64     a0, s1
    li          a1, 100
    li          a2, 50
    call        fill
    mov.i64     a0, s2
    li          a1, 7
    li          a2, 200
    call        fill
    mov.i64     a0, s0
    li          a1, 24
    li          a2, 1
    call        check
    mov.i64     s3, a0
    mov.i64     a0, s1
    li          a1, 100
    li          a2, 50
    call        check
    and.i64     s3, s3, a0
    mov.i64     a0, s2
    li          a1, 7
    li          a2, 200
    call        check
    and.i64     a1, s3, a0
    la          a0, n_keep
    call        report
    # free the 100-byte block; a smaller request reuses its place
    mov.i64     a0, s1
    call        free
    li          a0, 64
    call        malloc
    mov.i64     s3, a0
    cmp.eq.i64  s3, s1
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_reuse
    call        report
    # free all three: they merge, so a block as big as all of them fits
    # at the first address
    mov.i64     a0, s3
    call        free
    mov.i64     a0, s0
    call        free
    mov.i64     a0, s2
    call        free
    li          a0, 150
    call        malloc
    mov.i64     s3, a0
    cmp.eq.i64  s3, s0
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_merge
    call        report
    mov.i64     a0, s3
    call        free
    # a big block (mmap'd): aligned, writable at both ends, freed
    li          a0, 300000
    call        malloc
    mov.i64     s0, a0
    li          t2, 15
    and.i64     a1, s0, t2
    la          a0, n_big
    call        report
    li          t1, 0x5a
    store.i8    t1, 0(s0)
    li          t2, 299999
    add.i64     t2, t2, s0
    store.i8    t1, 0(t2)
    load.u8     t3, 0(t2)
    load.u8     t4, 0(s0)
    add.i64     a1, t3, t4
    la          a0, n_bigrw
    call        report
    mov.i64     a0, s0
    call        free
    # realloc growth keeps the bytes, through small and big sizes
    li          a0, 10
    call        malloc
    mov.i64     s0, a0
    li          a1, 10
    li          a2, 3
    call        fill
    mov.i64     a0, s0
    li          a1, 1000
    call        realloc
    mov.i64     s0, a0
    mov.i64     a0, s0
    li          a1, 200000
    call        realloc
    mov.i64     s0, a0
    li          a1, 10
    li          a2, 3
    call        check
    mov.i64     a1, a0
    la          a0, n_grow
    call        report
    mov.i64     a0, s0
    call        free
    # calloc returns zeroes even where old data lay
    li          a0, 256
    call        malloc
    mov.i64     s0, a0
    li          a1, 255
    li          a2, 256
    call        memset
    mov.i64     a0, s0
    call        free
    li          a0, 32
    li          a1, 8
    call        calloc
    mov.i64     s0, a0
    movi.i64    s1, 0                   # s1: OR of all bytes
    movi.i64    t1, 0
1:  li          t2, 256
    cmp.ge.i64  t1, t2
    b           2f
    add.i64     t2, s0, t1
    load.u8     t2, 0(t2)
    or.i64      s1, s1, t2
    addi.i64    t1, 1
    j           1b
2:  mov.i64     a1, s1
    la          a0, n_zero
    call        report
    mov.i64     a0, s0
    call        free
    la          a0, s_text
    call        strdup
    mov.i64     s0, a0
    la          a1, s_text
    call        strcmp
    mov.i64     a1, a0
    la          a0, n_dup
    call        report
    mov.i64     a0, s0
    call        free
    # an impossible request: NULL and ENOMEM
    li          a0, 0x7000000000000000
    call        malloc
    mov.i64     a1, a0
    la          a0, n_fail
    call        report
    la          t1, errno
    load.i32    a1, 0(t1)
    la          a0, n_errno
    call        report
    movi.i64    a0, 0
    call        free
    la          a0, n_free0
    movi.i64    a1, 1
    call        report
    # 2000 blocks of varying size, filled, checked, freed in two passes
    li          a0, 16000
    call        malloc
    mov.i64     s4, a0                  # s4: the pointer table
    movi.i64    s0, 0
3:  li          t1, 2000
    cmp.ge.i64  s0, t1
    b           4f
    li          t1, 37
    remu.i64    a0, s0, t1
    slli.i64    a0, 3
    addi.i64    a0, 1
    call        malloc
    mov.i64     t1, s0
    slli.i64    t1, 3
    add.i64     t1, t1, s4
    store.i64   a0, 0(t1)
    li          t1, 37
    remu.i64    a1, s0, t1
    slli.i64    a1, 3
    addi.i64    a1, 1
    mov.i64     a2, s0
    call        fill
    addi.i64    s0, 1
    j           3b
4:  movi.i64    s0, 0                   # free the odd ones
5:  li          t1, 2000
    cmp.ge.i64  s0, t1
    b           6f
    mov.i64     t1, s0
    slli.i64    t1, 3
    add.i64     t1, t1, s4
    load.i64    a0, 8(t1)
    call        free
    addi.i64    s0, 2
    j           5b
6:  movi.i64    s0, 0                   # check and free the even ones
    movi.i64    s3, 1
7:  li          t1, 2000
    cmp.ge.i64  s0, t1
    b           8f
    mov.i64     t1, s0
    slli.i64    t1, 3
    add.i64     t1, t1, s4
    load.i64    s1, 0(t1)
    li          t1, 37
    remu.i64    a1, s0, t1
    slli.i64    a1, 3
    addi.i64    a1, 1
    mov.i64     a0, s1
    mov.i64     a2, s0
    call        check
    and.i64     s3, s3, a0
    mov.i64     a0, s1
    call        free
    addi.i64    s0, 2
    j           7b
8:  mov.i64     a1, s3
    la          a0, n_many
    call        report
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 128
    ret

# malloc_stress.s - malloc, calloc, realloc and free under a long random
# mix of operations on 256 slots: sizes 0..64, 0..4000 and (1 in 16)
# 128 KiB..192 KiB (own mappings); realloc growing and shrinking.  Every
# block is filled with a pattern of its own and checked before every
# realloc (the kept prefix) and free, and all at the end, so a block that
# overlaps another or loses data is caught; every pointer must be 16-byte
# aligned and calloc memory zero.  Prints "errors N ops N"; the first few
# errors are described on the way.

    .set        SLOTS, 256
    .set        OPS, 20000

    .section    .rodata
f_done:
    .string     "errors %ld ops %ld live %ld\n"
f_align:
    .string     "op %ld: misaligned %p\n"
f_null:
    .string     "op %ld: NULL for %ld bytes\n"
f_data:
    .string     "op %ld: slot %ld (%ld bytes) corrupted\n"
f_zero:
    .string     "op %ld: calloc(%ld) not zero\n"

    .bss
    .balign     64
ptrs:
    .zero       2048                    # SLOTS pointers
sizes:
    .zero       2048                    # their sizes
seeds:
    .zero       2048                    # their pattern seeds
nerr:
    .zero       8                       # errors found

    .text
# word(seed, j): the pattern's 8-byte word j: (seed << 32 + j) * odd
    .macro      word rd, seed, j
    mov.i64     \rd, \seed
    slli.i64    \rd, 32
    add.i64     \rd, \rd, \j
    li          t6, 0x9e3779b97f4a7c15
    mul.i64     \rd, \rd, t6
    .endm

# fill(p, n, seed): word j of the pattern at p + 8j, the last word cut
# to what fits, byte by byte
    .type       fill, @function
fill:
    movi.i64    t1, 0                   # t1: word index
    mov.i64     t2, a0                  # t2: cursor
    add.i64     t3, a0, a1              # t3: end
1:  mov.i64     t4, t2
    addi.i64    t4, 8
    cmp.ltu.i64 t3, t4
    b           2f
    word        t5, a2, t1
    store.i64   t5, 0(t2)
    mov.i64     t2, t4
    addi.i64    t1, 1
    j           1b
2:
    word        t5, a2, t1
3:  cmp.geu.i64 t2, t3
    b           4f
    store.i8    t5, 0(t2)
    srli.i64    t5, 8
    addi.i64    t2, 1
    j           3b
4:  ret
    .size       fill, .-fill

# same(p, n, seed): 1 when p[0..n) holds what fill(p, n, seed) wrote
    .type       same, @function
same:
    movi.i64    t1, 0
    mov.i64     t2, a0
    add.i64     t3, a0, a1
1:  mov.i64     t4, t2
    addi.i64    t4, 8
    cmp.ltu.i64 t3, t4
    b           2f
    word        t5, a2, t1
    load.i64    t7, 0(t2)
    cmp.ne.i64  t5, t7
    b           8f
    mov.i64     t2, t4
    addi.i64    t1, 1
    j           1b
2:
    word        t5, a2, t1
    li          t8, 255
3:  cmp.geu.i64 t2, t3
    b           4f
    load.u8     t7, 0(t2)
    and.i64     t9, t5, t8
    cmp.ne.i64  t7, t9
    b           8f
    srli.i64    t5, 8
    addi.i64    t2, 1
    j           3b
4:  movi.i64    a0, 1
    ret
8:  movi.i64    a0, 0
    ret
    .size       same, .-same

# pick_size(): 0..64 (1 in 4), 128 KiB..192 KiB (1 in 16), else 0..4000
    .type       pick_size, @function
pick_size:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        rand
    li          t1, 16
    remu.i64    t2, a0, t1
    srli.i64    a0, 4
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           2f
    li          t3, 4
    cmp.ltu.i64 t2, t3
    b           1f
    li          t1, 4001
    remu.i64    a0, a0, t1
    j           9f
1:  li          t1, 65
    remu.i64    a0, a0, t1
    j           9f
2:  li          t1, 65536
    remu.i64    a0, a0, t1
    li          t1, 131072
    add.i64     a0, a0, t1
9:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       pick_size, .-pick_size

# error(fmt, a, b, c): count it; print the first 10
    .type       error, @function
error:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, nerr
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    li          t1, 10
    cmp.ltu.i64 t1, t2
    b           1f
    mov.i64     a4, a3
    mov.i64     a3, a2
    mov.i64     a2, a1
    mov.i64     a1, s0
    call        printf
1:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       error, .-error

# check_slot(k): the block in slot k still holds its pattern
    .type       check_slot, @function
check_slot:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s1, 8(sp)
    mov.i64     s1, a0
    slli.i64    s1, 3
    la          t1, ptrs
    add.i64     t1, t1, s1
    load.i64    a0, 0(t1)
    la          t1, sizes
    add.i64     t1, t1, s1
    load.i64    a1, 0(t1)
    la          t1, seeds
    add.i64     t1, t1, s1
    load.i64    a2, 0(t1)
    call        same
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           1f
    la          a0, f_data
    mov.i64     a1, s1
    srli.i64    a1, 3
    la          t1, sizes
    add.i64     t1, t1, s1
    load.i64    a2, 0(t1)
    call        error
1:  load.i64    ra, 0(sp)
    load.i64    s1, 8(sp)
    addi.i64    sp, 64
    ret
    .size       check_slot, .-check_slot

# got(k, p, n): p was returned for n bytes into slot k: check alignment
# and NULL, record, fill with a new pattern (seed = op number)
    .type       got, @function
got:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s1, 8(sp)
    store.i64   s2, 16(sp)
    store.i64   s3, 24(sp)
    mov.i64     s1, a0
    mov.i64     s2, a1
    mov.i64     s3, a2
    movi.i64    t1, 0
    cmp.ne.i64  s2, t1
    b           1f
    la          a0, f_null
    mov.i64     a1, s3
    call        error
    movi.i64    s3, 0                   # keep the slot consistent: empty
1:  li          t1, 15
    and.i64     t1, t1, s2
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           2f
    la          a0, f_align
    mov.i64     a1, s2
    call        error
2:  slli.i64    s1, 3
    la          t1, ptrs
    add.i64     t1, t1, s1
    store.i64   s2, 0(t1)
    la          t1, sizes
    add.i64     t1, t1, s1
    store.i64   s3, 0(t1)
    la          t1, seeds
    add.i64     t1, t1, s1
    store.i64   s0, 0(t1)
    mov.i64     a0, s2
    mov.i64     a1, s3
    mov.i64     a2, s0
    call        fill
    load.i64    ra, 0(sp)
    load.i64    s1, 8(sp)
    load.i64    s2, 16(sp)
    load.i64    s3, 24(sp)
    addi.i64    sp, 64
    ret
    .size       got, .-got

# s0: op number (read by error and got), s1: slot, s2: slot * 8, s3: op kind
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
    li          a0, 12345
    call        srand
    movi.i64    s0, 0
1:  li          t1, OPS
    cmp.geu.i64 s0, t1
    b           8f
    call        rand
    li          t1, SLOTS
    remu.i64    s1, a0, t1
    srli.i64    a0, 8
    li          t1, 8
    remu.i64    s3, a0, t1              # op kind 0..7
    mov.i64     s2, s1
    slli.i64    s2, 3
    la          t1, ptrs
    add.i64     t1, t1, s2
    load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.ne.i64  t2, t3
    b           3f
    # empty slot: calloc (kind 0) or malloc
    call        pick_size
    mov.i64     s4, a0
    movi.i64    t1, 0
    cmp.ne.i64  s3, t1
    b           2f
    mov.i64     a0, s4
    movi.i64    a1, 1
    call        calloc
    mov.i64     t8, a0                  # calloc'd memory reads as zero
    movi.i64    t1, 0
    cmp.eq.i64  t8, t1
    b           21f
    mov.i64     t2, t8
    add.i64     t3, t8, s4
20: cmp.geu.i64 t2, t3
    b           21f
    load.u8     t4, 0(t2)
    addi.i64    t2, 1
    cmp.eq.i64  t4, t1
    b           20b
    store.i64   t8, 56(sp)
    la          a0, f_zero
    mov.i64     a1, s4
    call        error
    load.i64    t8, 56(sp)
21: mov.i64     a1, t8
    j           22f
2:  mov.i64     a0, s4
    call        malloc
    mov.i64     a1, a0
22: mov.i64     a0, s1
    mov.i64     a2, s4
    call        got
    j           7f
    # a live block: check it, then free (kinds 0-2), realloc (3-5) or keep
3:  mov.i64     a0, s1
    call        check_slot
    li          t1, 3
    cmp.ltu.i64 s3, t1
    b           4f
    li          t1, 6
    cmp.ltu.i64 s3, t1
    b           5f
    j           7f
4:  la          t1, ptrs
    add.i64     t1, t1, s2
    load.i64    a0, 0(t1)
    movi.i64    t2, 0
    store.i64   t2, 0(t1)
    call        free
    j           7f
5:  call        pick_size               # realloc: the common prefix must survive
    mov.i64     s4, a0
    la          t1, ptrs
    add.i64     t1, t1, s2
    load.i64    a0, 0(t1)
    mov.i64     a1, s4
    movi.i64    t2, 0
    cmp.ne.i64  s4, t2
    b           51f
    addi.i64    a1, 1                   # realloc(p, 0) frees: ask for 1 byte
    addi.i64    s4, 1
51: call        realloc
    mov.i64     a1, a0
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           52f                     # NULL: the old block stays (got reports)
    la          t1, ptrs
    add.i64     t1, t1, s2
    store.i64   a0, 0(t1)
    la          t1, sizes               # check the kept prefix
    add.i64     t1, t1, s2
    load.i64    t2, 0(t1)
    cmp.ltu.i64 s4, t2
    cmov.i64    t2, s4
    store.i64   t2, 0(t1)
    mov.i64     a0, s1
    call        check_slot
    la          t1, ptrs
    add.i64     t1, t1, s2
    load.i64    a1, 0(t1)
52: mov.i64     a0, s1
    mov.i64     a2, s4
    call        got
7:  addi.i64    s0, 1
    j           1b
8:  movi.i64    s1, 0                   # check and free everything left
    movi.i64    s4, 0
9:  li          t1, SLOTS
    cmp.geu.i64 s1, t1
    b           10f
    mov.i64     s2, s1
    slli.i64    s2, 3
    la          t1, ptrs
    add.i64     t1, t1, s2
    load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           91f
    addi.i64    s4, 1
    mov.i64     a0, s1
    call        check_slot
    la          t1, ptrs
    add.i64     t1, t1, s2
    load.i64    a0, 0(t1)
    call        free
91: addi.i64    s1, 1
    j           9b
10: la          a0, f_done
    la          t1, nerr
    load.i64    a1, 0(t1)
    mov.i64     a2, s0
    mov.i64     a3, s4
    call        printf
    la          t1, nerr
    load.i64    t2, 0(t1)
    movi.i64    a0, 0
    movi.i64    t1, 0
    cmp.eq.i64  t2, t1
    b           11f
    movi.i64    a0, 1
11: load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

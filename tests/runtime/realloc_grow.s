# realloc_grow.s - realloc growth is amortised O(1) (docs/runtime.md):
# prints how often the block moved while
#   1. one buffer grows by 1 byte at a time to 300000 bytes (at the heap top)
#   2. a buffer grows by 1 byte to 100000 bytes, with a malloc(1) after
#      every append (so the block after it is often in use)
#   3. a block grows into the free block after it
# and checks every byte written survived the moves.

    .section    .rodata
fmt1:
    .string     "top: %ld moves, contents %s\n"
fmt2:
    .string     "blocked: %ld moves, contents %s\n"
fmt3:
    .string     "next free: %s, %s, %s\n"
s_ok:
    .string     "ok"
s_bad:
    .string     "BAD"
s_same:
    .string     "in place"
s_moved:
    .string     "moved"

    .text

# long check(unsigned char *p, long n, long salt): 1 when p[i] = (i + salt) & 255
    .type       check, @function
check:
    movi.i64    t1, 0
1:  cmp.geu.i64 t1, a1
    b           2f
    add.i64     t2, a0, t1
    load.u8     t2, 0(t2)
    add.i64     t3, t1, a2
    li          t4, 255
    and.i64     t3, t3, t4
    cmp.ne.i64  t2, t3
    b           3f
    addi.i64    t1, 1
    j           1b
2:  movi.i64    a0, 1
    ret
3:  movi.i64    a0, 0
    ret
    .size       check, .-check

# char *okstr(long good)
    .type       okstr, @function
okstr:
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    la          a0, s_ok
    b           1f
    ret
1:  la          a0, s_bad
    ret
    .size       okstr, .-okstr

# s0 p, s1 q, s2 i, s3 moves, s4 old pointer
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
    # 1: one buffer, 1 byte at a time
    movi.i64    s0, 0
    movi.i64    s2, 0
    movi.i64    s3, 0
1:  li          t1, 300000
    cmp.geu.i64 s2, t1
    b           2f
    mov.i64     s4, s0
    mov.i64     a0, s0
    mov.i64     a1, s2
    addi.i64    a1, 1
    call        realloc
    mov.i64     s0, a0
    cmp.ne.i64  s0, s4
    movi.i64    t1, 1
    movi.i64    t2, 0
    ncmov.i64   t1, t2
    add.i64     s3, s3, t1
    add.i64     t1, s0, s2
    store.i8    s2, 0(t1)
    addi.i64    s2, 1
    j           1b
2:  mov.i64     a0, s0
    li          a1, 300000
    movi.i64    a2, 0
    call        check
    call        okstr
    mov.i64     a2, a0
    addi.i64    s3, -1                  # the first call allocates: not a move
    mov.i64     a1, s3
    la          a0, fmt1
    call        printf
    mov.i64     a0, s0
    call        free
    # 2: a buffer and a malloc(1) after every append
    movi.i64    s0, 0
    movi.i64    s1, 0
    movi.i64    s2, 0
    movi.i64    s3, 0
3:  li          t1, 100000
    cmp.geu.i64 s2, t1
    b           4f
    mov.i64     s4, s0
    mov.i64     a0, s0
    mov.i64     a1, s2
    addi.i64    a1, 1
    call        realloc
    mov.i64     s0, a0
    cmp.ne.i64  s0, s4
    movi.i64    t1, 1
    movi.i64    t2, 0
    ncmov.i64   t1, t2
    add.i64     s3, s3, t1
    add.i64     t1, s0, s2
    store.i8    s2, 0(t1)
    li          a0, 1                   # a block right after it, kept
    call        malloc
    addi.i64    s2, 1
    j           3b
4:  mov.i64     a0, s0
    li          a1, 100000
    movi.i64    a2, 0
    call        check
    call        okstr
    mov.i64     a2, a0
    addi.i64    s3, -1                  # the first call allocates
    mov.i64     a1, s3
    la          a0, fmt2
    call        printf
    mov.i64     a0, s0
    call        free
    # 3: a = 100 bytes, b = 1000 after it, a guard after b; free b, grow a
    li          a0, 100
    call        malloc
    mov.i64     s0, a0
    li          a0, 1000
    call        malloc
    mov.i64     s1, a0
    li          a0, 10
    call        malloc
    mov.i64     a0, s1
    call        free
    mov.i64     a0, s0                  # a[0..99] = i
    movi.i64    a1, 0
    li          a2, 100
1:  movi.i64    t1, 0
    cmp.eq.i64  a2, t1
    b           2f
    add.i64     t1, a0, a1
    store.i8    a1, 0(t1)
    addi.i64    a1, 1
    addi.i64    a2, -1
    j           1b
2:  mov.i64     a0, s0
    li          a1, 600                 # fits a + b: grows in place, splits
    call        realloc
    la          s2, s_same
    la          t1, s_moved
    cmp.ne.i64  a0, s0
    cmov.i64    s2, t1
    mov.i64     s0, a0
    li          a0, 200                 # the split-off rest is reused
    call        malloc
    mov.i64     s1, a0
    mov.i64     a0, s0
    li          a1, 100
    movi.i64    a2, 0
    call        check
    call        okstr
    mov.i64     a3, a0
    la          a2, s_same              # the 200-byte block lies right after a
    la          t1, s_moved
    mov.i64     t2, s0
    li          t3, 600
    add.i64     t2, t2, t3
    cmp.ltu.i64 s1, t2
    cmov.i64    a2, t1
    mov.i64     a1, s2
    la          a0, fmt3
    call        printf
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

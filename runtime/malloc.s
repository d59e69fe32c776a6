# malloc.s - malloc, free, calloc, realloc, strdup (docs/runtime.md).
#
# Every block has a 16-byte header just below the pointer returned:
#   0: block size in bytes, header included (a multiple of 16); bit 0 set
#      means the block was mmap'd on its own
#   8: next free block (while the block is on the free list)
# Small blocks come from the brk heap: first fit on an address-ordered free
# list, split when the rest is >= 64 bytes, coalesced with both neighbours
# on free; the heap grows with brk in 64 KiB steps.  Requests of 128 KiB
# or more get their own anonymous mmap and go back with munmap.
# Pointers are 16-byte aligned.  Failure: NULL with errno = ENOMEM.

    .bss
    .balign     8
__grt_free_head:                        # first free block (lowest address) or 0
    .zero       8
__grt_heap_top:                         # first byte never handed out
    .zero       8
__grt_heap_end:                         # the program break as far as we moved it
    .zero       8

    .text

# int __grt_set_top(char *top): make top the heap top, moving the break
# up (in 64 KiB steps) when it lies beyond; 0, or -1 when the break
# cannot move (nothing changes then)
    .type       __grt_set_top, @function
__grt_set_top:
    la          t1, __grt_heap_end
    load.i64    t2, 0(t1)
    cmp.geu.i64 t2, a0
    b           2f                      # below the break already
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a0, 8(sp)
    li          t3, 65535
    add.i64     a0, a0, t3
    li          t3, -65536
    and.i64     a0, a0, t3              # new break, 64 KiB aligned
    store.i64   a0, 16(sp)
    call        __grt_brk
    load.i64    t3, 16(sp)
    mov.i64     t4, a0
    load.i64    a0, 8(sp)
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    cmp.ltu.i64 t4, t3
    b           3f                      # the break did not move
    la          t1, __grt_heap_end
    store.i64   t4, 0(t1)
2:  la          t1, __grt_heap_top
    store.i64   a0, 0(t1)
    movi.i64    a0, 0
    ret
3:  li          a0, -1
    ret
    .size       __grt_set_top, .-__grt_set_top

# void *malloc(size_t n)
    .globl      malloc
    .type       malloc, @function
malloc:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    li          t1, 0x4000000000000000
    cmp.geu.i64 a0, t1
    b           7f                      # absurd size: ENOMEM
    addi.i64    a0, 31
    li          t1, -16
    and.i64     s0, a0, t1              # s0 = n + header, rounded up to 16
    li          t1, 32
    cmp.ltu.i64 s0, t1
    cmov.i64    s0, t1                  # at least 32
    li          t1, 131072
    cmp.geu.i64 s0, t1
    b           6f                      # big: mmap
    # first fit: s1 = address of the link that points at s2
    la          s1, __grt_free_head
1:  load.i64    s2, 0(s1)
    movi.i64    t1, 0
    cmp.eq.i64  s2, t1
    b           4f                      # end of list: carve from the heap top
    load.i64    t2, 0(s2)
    cmp.geu.i64 t2, s0
    b           2f
    mov.i64     s1, s2
    addi.i64    s1, 8
    j           1b
2:  sub.i64     t3, t2, s0              # what would remain
    li          t4, 64
    cmp.ltu.i64 t3, t4
    b           3f
    add.i64     t5, s2, s0              # split: the tail stays free, in s2's place
    store.i64   t3, 0(t5)
    load.i64    t6, 8(s2)
    store.i64   t6, 8(t5)
    store.i64   t5, 0(s1)
    store.i64   s0, 0(s2)
    j           5f
3:  load.i64    t6, 8(s2)               # take the whole block
    store.i64   t6, 0(s1)
5:  mov.i64     a0, s2
    addi.i64    a0, 16
    j           9f
    # carve s0 bytes at the heap top, moving the break when needed
4:  la          t1, __grt_heap_top
    load.i64    s1, 0(t1)
    movi.i64    t2, 0
    cmp.ne.i64  s1, t2
    b           1f
    movi.i64    a0, 0                   # first use: start at brk(0), 64-aligned
    call        __grt_brk
    addi.i64    a0, 63
    li          t1, -64
    and.i64     s1, a0, t1
    la          t1, __grt_heap_top
    store.i64   s1, 0(t1)
    la          t1, __grt_heap_end
    store.i64   s1, 0(t1)
1:  add.i64     a0, s1, s0              # the new top
    call        __grt_set_top
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           7f                      # the break did not move: out of memory
    store.i64   s0, 0(s1)
    mov.i64     a0, s1
    addi.i64    a0, 16
    j           9f
    # big block: its own mapping, size rounded to pages, bit 0 marks it
6:  li          t1, 4095
    add.i64     s0, s0, t1
    li          t1, -4096
    and.i64     s0, s0, t1
    movi.i64    a0, 0
    mov.i64     a1, s0
    movi.i64    a2, 3                   # PROT_READ | PROT_WRITE
    li          a3, 0x22                # MAP_PRIVATE | MAP_ANONYMOUS
    li          a4, -1
    movi.i64    a5, 0
    call        mmap
    li          t1, -1
    cmp.eq.i64  a0, t1
    b           7f
    mov.i64     t2, s0
    addi.i64    t2, 1
    store.i64   t2, 0(a0)
    addi.i64    a0, 16
    j           9f
7:  li          t1, 12                  # ENOMEM
    la          t2, errno
    store.i32   t1, 0(t2)
8:  movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       malloc, .-malloc

# void free(void *p)
    .globl      free
    .type       free, @function
free:
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           9f
    addi.i64    a0, -16                 # a0: header
    load.i64    t2, 0(a0)               # size
    movi.i64    t3, 1
    and.i64     t4, t2, t3
    cmp.ne.i64  t4, t1
    b           8f
    # find the place: t5 = link address, t6 = previous block, t7 = next
    la          t5, __grt_free_head
    movi.i64    t6, 0
1:  load.i64    t7, 0(t5)
    cmp.eq.i64  t7, t1
    b           2f
    cmp.geu.i64 t7, a0
    b           2f
    mov.i64     t6, t7
    mov.i64     t5, t7
    addi.i64    t5, 8
    j           1b
2:  store.i64   t7, 8(a0)
    store.i64   a0, 0(t5)
    add.i64     t8, a0, t2              # merge with the next block when adjacent
    cmp.ne.i64  t8, t7
    b           3f
    load.i64    t9, 0(t7)
    add.i64     t2, t2, t9
    store.i64   t2, 0(a0)
    load.i64    t9, 8(t7)
    store.i64   t9, 8(a0)
3:  cmp.eq.i64  t6, t1                  # merge into the previous block when adjacent
    b           9f
    load.i64    t9, 0(t6)
    add.i64     t8, t6, t9
    cmp.ne.i64  t8, a0
    b           9f
    add.i64     t9, t9, t2
    store.i64   t9, 0(t6)
    load.i64    t8, 8(a0)
    store.i64   t8, 8(t6)
9:  ret
8:  sub.i64     a1, t2, t3              # mmap'd: munmap(header, size)
    tail        munmap
    .size       free, .-free

# void *calloc(size_t n, size_t size)
    .globl      calloc
    .type       calloc, @function
calloc:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mulhu.i64   t1, a0, a1
    movi.i64    t2, 0
    cmp.ne.i64  t1, t2
    b           1f                      # n * size overflows
    mul.i64     s0, a0, a1
    mov.i64     a0, s0
    call        malloc
    movi.i64    t2, 0
    cmp.eq.i64  a0, t2
    b           2f
    movi.i64    a1, 0
    mov.i64     a2, s0
    call        memset
    j           2f
1:  li          t1, 12
    la          t2, errno
    store.i32   t1, 0(t2)
    movi.i64    a0, 0
2:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       calloc, .-calloc

# void *realloc(void *p, size_t n)
# Keeps the block when n fits.  A heap block then grows in place: at the
# heap top by moving the top (and the break), or into the next block when
# that one is free (the rest split off again when >= 64 bytes).  Only
# otherwise it moves, to a block of max(n, 2 * capacity) bytes, so a
# buffer grown by appends is copied O(log n) times: amortised O(1).
# s0 p, s1 n, s2 block size, s3 needed block size, s4 scratch
    .globl      realloc
    .type       realloc, @function
realloc:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           1f
    mov.i64     a0, a1                  # realloc(NULL, n) = malloc(n)
    call        malloc
    j           99f
1:  cmp.ne.i64  a1, t1
    b           2f
    call        free                    # realloc(p, 0) = free(p), NULL
    movi.i64    a0, 0
    j           99f
2:  mov.i64     s0, a0
    mov.i64     s1, a1
    load.i64    s2, -16(s0)             # block size (bit 0: mmap'd)
    li          t1, -2
    and.i64     t2, s2, t1
    addi.i64    t2, -16                 # capacity
    cmp.geu.i64 t2, s1
    b           99f                     # still fits: keep the block (a0 = p)
    li          t1, 0x4000000000000000
    cmp.geu.i64 s1, t1
    b           97f                     # absurd size: ENOMEM
    movi.i64    t1, 1
    and.i64     t1, s2, t1
    movi.i64    t3, 0
    cmp.ne.i64  t1, t3
    b           50f                     # mmap'd: move it
    mov.i64     s3, s1                  # needed block: n + header, rounded to 16
    addi.i64    s3, 31
    li          t1, -16
    and.i64     s3, s3, t1
    mov.i64     t4, s0
    addi.i64    t4, -16                 # t4: header
    add.i64     t5, t4, s2              # t5: the next block
    la          t1, __grt_heap_top
    load.i64    t2, 0(t1)
    cmp.ne.i64  t5, t2
    b           20f
    # the last block of the heap: move the top (and the break)
    add.i64     a0, t4, s3
    call        __grt_set_top
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           50f                     # the break did not move: try to move the block
    store.i64   s3, -16(s0)
    mov.i64     a0, s0
    j           99f
    # is the next block free and big enough?  t6 = link that points at it
20: la          t6, __grt_free_head
    movi.i64    t3, 0
21: load.i64    t7, 0(t6)
    cmp.eq.i64  t7, t3
    b           50f                     # not on the list
    cmp.geu.i64 t7, t5
    b           22f
    mov.i64     t6, t7
    addi.i64    t6, 8
    j           21b
22: cmp.ne.i64  t7, t5
    b           50f                     # the next block is in use
    load.i64    t8, 0(t7)
    add.i64     t8, t8, s2              # both blocks together
    cmp.ltu.i64 t8, s3
    b           50f                     # too small even so
    load.i64    t9, 8(t7)               # unlink the next block
    sub.i64     t10, t8, s3             # what would remain
    li          t11, 64
    cmp.ltu.i64 t10, t11
    b           23f
    add.i64     t11, t4, s3             # split: the rest stays free in its place
    store.i64   t10, 0(t11)
    store.i64   t9, 8(t11)
    store.i64   t11, 0(t6)
    store.i64   s3, 0(t4)
    mov.i64     a0, s0
    j           99f
23: store.i64   t9, 0(t6)               # take it all
    store.i64   t8, 0(t4)
    mov.i64     a0, s0
    j           99f
    # move: a new block of max(n, 2 * capacity), copy, free the old one
50: li          t1, -2
    and.i64     s2, s2, t1
    addi.i64    s2, -16                 # s2: old capacity
    mov.i64     a0, s2
    add.i64     a0, a0, s2
    cmp.ltu.i64 a0, s1
    cmov.i64    a0, s1
    call        malloc
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           51f
    mov.i64     a0, s1                  # no room for the doubled size: just n
    call        malloc
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           99f
51: mov.i64     s4, a0
    mov.i64     a1, s0
    mov.i64     a2, s2
    call        memcpy
    mov.i64     a0, s0
    call        free
    mov.i64     a0, s4
    j           99f
97: li          t1, 12                  # ENOMEM
    la          t2, errno
    store.i32   t1, 0(t2)
    movi.i64    a0, 0
99: load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 64
    ret
    .size       realloc, .-realloc

# char *strdup(const char *s)
    .globl      strdup
    .type       strdup, @function
strdup:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    call        strlen
    addi.i64    a0, 1
    mov.i64     s1, a0
    call        malloc
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           1f
    mov.i64     a1, s0
    mov.i64     a2, s1
    call        memcpy
1:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       strdup, .-strdup

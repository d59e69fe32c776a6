# string.s - memory and string functions (C semantics).
#
# All are leaf functions: no frame, only caller-saved registers (t1..t11,
# flag).  Misaligned loads and stores are allowed on glyph (docs/isa.md);
# the long loops still align the destination (or, for strlen/strcmp, the
# first string) to 8 bytes, so that word loads that may read past the end
# of a string never cross into another page.

    .text

# void *memcpy(void *dst, const void *src, size_t n)
# Short copies (< 64 bytes) go 8 bytes, then 1 byte at a time.  Longer
# ones first copy single bytes until dst is 8-byte aligned, then 64 bytes
# per iteration (eight loads, then eight stores), then 8, then 1.  Loading
# a whole 64-byte block before storing it makes the same loop safe for
# memmove when dst < src.
    .globl      memcpy
    .type       memcpy, @function
memcpy:
    mov.i64     t1, a0                  # t1: destination cursor
    li          t3, 64
    cmp.ltu.i64 a2, t3
    b           5f                      # short: no alignment, no big blocks
    neg.i64     t4, t1                  # t4 = bytes to the next 8-byte boundary
    movi.i64    t5, 7
    and.i64     t4, t4, t5
    sub.i64     a2, a2, t4
    movi.i64    t5, 0
1:  cmp.eq.i64  t4, t5
    b           2f
    load.u8     t2, 0(a1)
    store.i8    t2, 0(t1)
    addi.i64    a1, 1
    addi.i64    t1, 1
    addi.i64    t4, -1
    j           1b
2:  cmp.ltu.i64 a2, t3
    b           5f
3:  load.i64    t2, 0(a1)               # 64 bytes: all loads before the stores
    load.i64    t4, 8(a1)
    load.i64    t5, 16(a1)
    load.i64    t6, 24(a1)
    load.i64    t7, 32(a1)
    load.i64    t8, 40(a1)
    load.i64    t9, 48(a1)
    load.i64    t10, 56(a1)
    store.i64   t2, 0(t1)
    store.i64   t4, 8(t1)
    store.i64   t5, 16(t1)
    store.i64   t6, 24(t1)
    store.i64   t7, 32(t1)
    store.i64   t8, 40(t1)
    store.i64   t9, 48(t1)
    store.i64   t10, 56(t1)
    addi.i64    a1, 64
    addi.i64    t1, 64
    addi.i64    a2, -64
    cmp.geu.i64 a2, t3
    b           3b
5:  movi.i64    t3, 8
6:  cmp.ltu.i64 a2, t3
    b           7f                      # fewer than 8 left
    load.i64    t2, 0(a1)
    store.i64   t2, 0(t1)
    addi.i64    a1, 8
    addi.i64    t1, 8
    addi.i64    a2, -8
    j           6b
7:  movi.i64    t3, 0
8:  cmp.eq.i64  a2, t3
    b           9f
    load.u8     t2, 0(a1)
    store.i8    t2, 0(t1)
    addi.i64    a1, 1
    addi.i64    t1, 1
    addi.i64    a2, -1
    j           8b
9:  ret
    .size       memcpy, .-memcpy

# void *memmove(void *dst, const void *src, size_t n)
# Forward (memcpy's loop, which loads each block before storing it) unless
# dst lies inside (src, src + n); then backwards from the end: 32 bytes
# per iteration (four loads, then four stores), then 8, then 1.
    .globl      memmove
    .type       memmove, @function
memmove:
    cmp.geu.i64 a1, a0
    b           5f                      # src >= dst: forward is safe
    mov.i64     t4, a1
    add.i64     t4, t4, a2              # t4: source end
    cmp.geu.i64 a0, t4
    b           5f                      # no overlap
    mov.i64     t1, a0
    add.i64     t1, t1, a2              # t1: destination end
    li          t3, 32
1:  cmp.ltu.i64 a2, t3
    b           2f
    load.i64    t5, -8(t4)
    load.i64    t6, -16(t4)
    load.i64    t7, -24(t4)
    load.i64    t8, -32(t4)
    store.i64   t5, -8(t1)
    store.i64   t6, -16(t1)
    store.i64   t7, -24(t1)
    store.i64   t8, -32(t1)
    addi.i64    t4, -32
    addi.i64    t1, -32
    addi.i64    a2, -32
    j           1b
2:  movi.i64    t3, 8
3:  cmp.ltu.i64 a2, t3
    b           4f
    load.i64    t5, -8(t4)
    store.i64   t5, -8(t1)
    addi.i64    t4, -8
    addi.i64    t1, -8
    addi.i64    a2, -8
    j           3b
4:  movi.i64    t3, 0
6:  cmp.eq.i64  a2, t3
    b           7f
    addi.i64    t1, -1
    addi.i64    t4, -1
    load.u8     t2, 0(t4)
    store.i8    t2, 0(t1)
    addi.i64    a2, -1
    j           6b
7:  ret
5:  tail        memcpy
    .size       memmove, .-memmove

# void *memset(void *s, int c, size_t n)
# The byte in all eight lanes; single bytes up to an 8-byte boundary when
# n >= 64, then 64 bytes per iteration, then 8, then 1.
    .globl      memset
    .type       memset, @function
memset:
    mov.i64     t1, a0
    li          t2, 255
    and.i64     t2, t2, a1
    li          t3, 0x0101010101010101
    mul.i64     t2, t2, t3              # the byte in all 8 lanes
    li          t3, 64
    cmp.ltu.i64 a2, t3
    b           5f
    neg.i64     t4, t1
    movi.i64    t5, 7
    and.i64     t4, t4, t5
    sub.i64     a2, a2, t4
    movi.i64    t5, 0
1:  cmp.eq.i64  t4, t5
    b           3f
    store.i8    t2, 0(t1)
    addi.i64    t1, 1
    addi.i64    t4, -1
    j           1b
3:  cmp.ltu.i64 a2, t3
    b           5f
    store.i64   t2, 0(t1)
    store.i64   t2, 8(t1)
    store.i64   t2, 16(t1)
    store.i64   t2, 24(t1)
    store.i64   t2, 32(t1)
    store.i64   t2, 40(t1)
    store.i64   t2, 48(t1)
    store.i64   t2, 56(t1)
    addi.i64    t1, 64
    addi.i64    a2, -64
    j           3b
5:  movi.i64    t3, 8
6:  cmp.ltu.i64 a2, t3
    b           7f
    store.i64   t2, 0(t1)
    addi.i64    t1, 8
    addi.i64    a2, -8
    j           6b
7:  movi.i64    t3, 0
8:  cmp.eq.i64  a2, t3
    b           9f
    store.i8    t2, 0(t1)
    addi.i64    t1, 1
    addi.i64    a2, -1
    j           8b
9:  ret
    .size       memset, .-memset

# int memcmp(const void *a, const void *b, size_t n)
# 8 bytes at a time while they are equal (n bounds the loads, so they
# never leave the buffers); the first differing word, and the tail, are
# compared byte by byte.
    .globl      memcmp
    .type       memcmp, @function
memcmp:
    movi.i64    t3, 8
1:  cmp.ltu.i64 a2, t3
    b           2f
    load.i64    t1, 0(a0)
    load.i64    t2, 0(a1)
    cmp.ne.i64  t1, t2
    b           2f                      # they differ within these 8 bytes
    addi.i64    a0, 8
    addi.i64    a1, 8
    addi.i64    a2, -8
    j           1b
2:  movi.i64    t3, 0
3:  cmp.eq.i64  a2, t3
    b           4f
    load.u8     t1, 0(a0)
    load.u8     t2, 0(a1)
    cmp.ne.i64  t1, t2
    b           5f
    addi.i64    a0, 1
    addi.i64    a1, 1
    addi.i64    a2, -1
    j           3b
4:  movi.i64    a0, 0
    ret
5:  sub.i64     a0, t1, t2
    ret
    .size       memcmp, .-memcmp

# size_t strlen(const char *s)
# Bytes up to an 8-byte boundary, then aligned words (an aligned load
# never crosses a page, so reading past the NUL is safe); a word has a
# zero byte when (w - 0x01..01) & ~w & 0x80..80 is non-zero, and its
# lowest set bit marks the first one.
    .globl      strlen
    .type       strlen, @function
strlen:
    mov.i64     t1, a0
    movi.i64    t3, 0
    movi.i64    t5, 7
1:  and.i64     t4, t1, t5
    cmp.eq.i64  t4, t3
    b           2f                      # aligned
    load.u8     t2, 0(t1)
    cmp.eq.i64  t2, t3
    b           9f
    addi.i64    t1, 1
    j           1b
2:  li          t5, 0x0101010101010101
    li          t6, 0x8080808080808080
3:  load.i64    t2, 0(t1)
    sub.i64     t4, t2, t5
    not.i64     t7, t2
    and.i64     t4, t4, t7
    and.i64     t4, t4, t6
    cmp.ne.i64  t4, t3
    b           4f
    addi.i64    t1, 8
    j           3b
4:  ctz.i64     t4, t4                  # bit 8k + 7 of the first zero byte k
    srli.i64    t4, 3
    add.i64     t1, t1, t4
9:  sub.i64     a0, t1, a0
    ret
    .size       strlen, .-strlen

# int strcmp(const char *a, const char *b)
# Bytes until a is 8-byte aligned, then words of both while they are
# equal and hold no NUL; a's loads are aligned, and b's are done byte by
# byte for the 8 bytes where one would cross a 4 KiB page.  The word
# that differs or ends is finished byte by byte.
    .globl      strcmp
    .type       strcmp, @function
strcmp:
    movi.i64    t3, 0
    movi.i64    t5, 7
1:  and.i64     t4, a0, t5
    cmp.eq.i64  t4, t3
    b           3f                      # a is aligned
2:  load.u8     t1, 0(a0)
    load.u8     t2, 0(a1)
    cmp.ne.i64  t1, t2
    b           9f
    cmp.eq.i64  t1, t3
    b           9f                      # both ended
    addi.i64    a0, 1
    addi.i64    a1, 1
    j           1b
3:  li          t6, 0x0101010101010101
    li          t7, 0x8080808080808080
    li          t8, 4088
    li          t9, 4095
4:  and.i64     t4, a1, t9
    cmp.ltu.i64 t8, t4
    b           6f                      # b's word would cross a page
    load.i64    t1, 0(a0)
    load.i64    t2, 0(a1)
    cmp.ne.i64  t1, t2
    b           2b                      # differ: find the byte (a stays in this word)
    sub.i64     t4, t1, t6
    not.i64     t10, t1
    and.i64     t4, t4, t10
    and.i64     t4, t4, t7
    cmp.ne.i64  t4, t3
    b           2b                      # equal but ended: the byte loop returns 0
    addi.i64    a0, 8
    addi.i64    a1, 8
    j           4b
6:  movi.i64    t11, 8                  # 8 single bytes, then a is aligned again
7:  load.u8     t1, 0(a0)
    load.u8     t2, 0(a1)
    cmp.ne.i64  t1, t2
    b           9f
    cmp.eq.i64  t1, t3
    b           9f
    addi.i64    a0, 1
    addi.i64    a1, 1
    addi.i64    t11, -1
    cmp.ne.i64  t11, t3
    b           7b
    j           4b
9:  sub.i64     a0, t1, t2
    ret
    .size       strcmp, .-strcmp

# int strncmp(const char *a, const char *b, size_t n)
    .globl      strncmp
    .type       strncmp, @function
strncmp:
    movi.i64    t3, 0
1:  cmp.eq.i64  a2, t3
    b           3f
    load.u8     t1, 0(a0)
    load.u8     t2, 0(a1)
    cmp.ne.i64  t1, t2
    b           2f
    cmp.eq.i64  t1, t3
    b           2f
    addi.i64    a0, 1
    addi.i64    a1, 1
    addi.i64    a2, -1
    j           1b
2:  sub.i64     a0, t1, t2
    ret
3:  movi.i64    a0, 0
    ret
    .size       strncmp, .-strncmp

# char *strchr(const char *s, int c): the first c (c may be 0), or NULL
    .globl      strchr
    .type       strchr, @function
strchr:
    li          t3, 255
    and.i64     a1, a1, t3
    movi.i64    t3, 0
1:  load.u8     t1, 0(a0)
    cmp.eq.i64  t1, a1
    b           2f
    cmp.eq.i64  t1, t3
    b           3f
    addi.i64    a0, 1
    j           1b
2:  ret
3:  movi.i64    a0, 0
    ret
    .size       strchr, .-strchr

# char *strrchr(const char *s, int c): the last c, or NULL
    .globl      strrchr
    .type       strrchr, @function
strrchr:
    li          t3, 255
    and.i64     a1, a1, t3
    movi.i64    t3, 0
    movi.i64    t4, 0                   # last match
1:  load.u8     t1, 0(a0)
    cmp.eq.i64  t1, a1
    cmov.i64    t4, a0
    cmp.eq.i64  t1, t3
    b           2f
    addi.i64    a0, 1
    j           1b
2:  mov.i64     a0, t4
    ret
    .size       strrchr, .-strrchr

# char *strcpy(char *dst, const char *src)
    .globl      strcpy
    .type       strcpy, @function
strcpy:
    mov.i64     t1, a0
    movi.i64    t3, 0
1:  load.u8     t2, 0(a1)
    store.i8    t2, 0(t1)
    cmp.eq.i64  t2, t3
    b           2f
    addi.i64    a1, 1
    addi.i64    t1, 1
    j           1b
2:  ret
    .size       strcpy, .-strcpy

# char *strncpy(char *dst, const char *src, size_t n): pads with NULs
    .globl      strncpy
    .type       strncpy, @function
strncpy:
    mov.i64     t1, a0
    movi.i64    t3, 0
1:  cmp.eq.i64  a2, t3
    b           3f
    load.u8     t2, 0(a1)
    store.i8    t2, 0(t1)
    addi.i64    t1, 1
    addi.i64    a2, -1
    cmp.eq.i64  t2, t3
    b           1b                      # at the end of src: keep storing NULs
    addi.i64    a1, 1
    j           1b
3:  ret
    .size       strncpy, .-strncpy

# char *strcat(char *dst, const char *src)
    .globl      strcat
    .type       strcat, @function
strcat:
    mov.i64     t1, a0
    movi.i64    t3, 0
1:  load.u8     t2, 0(t1)
    cmp.eq.i64  t2, t3
    b           2f
    addi.i64    t1, 1
    j           1b
2:  load.u8     t2, 0(a1)
    store.i8    t2, 0(t1)
    cmp.eq.i64  t2, t3
    b           3f
    addi.i64    a1, 1
    addi.i64    t1, 1
    j           2b
3:  ret
    .size       strcat, .-strcat

# void *memchr(const void *s, int c, size_t n): the first c in n bytes, or NULL
    .globl      memchr
    .type       memchr, @function
memchr:
    li          t3, 255
    and.i64     a1, a1, t3
    movi.i64    t3, 0
1:  cmp.eq.i64  a2, t3
    b           2f
    load.u8     t1, 0(a0)
    cmp.eq.i64  t1, a1
    b           3f
    addi.i64    a0, 1
    addi.i64    a2, -1
    j           1b
2:  movi.i64    a0, 0
3:  ret
    .size       memchr, .-memchr

# size_t strnlen(const char *s, size_t max)
    .globl      strnlen
    .type       strnlen, @function
strnlen:
    mov.i64     t1, a0
    movi.i64    t3, 0
1:  cmp.eq.i64  a1, t3
    b           2f
    load.u8     t2, 0(t1)
    cmp.eq.i64  t2, t3
    b           2f
    addi.i64    t1, 1
    addi.i64    a1, -1
    j           1b
2:  sub.i64     a0, t1, a0
    ret
    .size       strnlen, .-strnlen

# char *strstr(const char *hay, const char *needle): the first occurrence,
# hay for an empty needle, NULL when there is none
    .globl      strstr
    .type       strstr, @function
strstr:
    movi.i64    t3, 0
1:  mov.i64     t1, a0                  # try a match at a0
    mov.i64     t2, a1
2:  load.u8     t5, 0(t2)
    cmp.eq.i64  t5, t3
    b           4f                      # needle ended: found
    load.u8     t4, 0(t1)
    cmp.ne.i64  t4, t5
    b           3f
    addi.i64    t1, 1
    addi.i64    t2, 1
    j           2b
3:  load.u8     t4, 0(a0)               # mismatch: next start, unless hay ended
    cmp.eq.i64  t4, t3
    b           5f
    addi.i64    a0, 1
    j           1b
4:  ret
5:  movi.i64    a0, 0
    ret
    .size       strstr, .-strstr

# string.s - memory and string functions (C semantics).
#
# All are leaf functions: no frame, only caller-saved registers (t1..t6,
# flag).  Misaligned loads and stores are allowed on glyph (docs/isa.md),
# so the copies move 8 bytes at a time whatever the alignment and finish
# byte by byte.

    .text

# void *memcpy(void *dst, const void *src, size_t n)
    .globl memcpy
    .type memcpy, @function
memcpy:
    mov.i64 t1, a0              # t1: destination cursor
    movi.i64 t3, 8
1:  cmp.ltu.i64 a2, t3
    b 2f                        # fewer than 8 left
    load.i64 t2, 0(a1)
    store.i64 t2, 0(t1)
    addi.i64 a1, 8
    addi.i64 t1, 8
    addi.i64 a2, -8
    j 1b
2:  movi.i64 t3, 0
3:  cmp.eq.i64 a2, t3
    b 4f
    load.u8 t2, 0(a1)
    store.i8 t2, 0(t1)
    addi.i64 a1, 1
    addi.i64 t1, 1
    addi.i64 a2, -1
    j 3b
4:  ret
    .size memcpy, .-memcpy

# void *memmove(void *dst, const void *src, size_t n)
# Forward unless dst lies inside (src, src + n); then byte by byte from the end.
    .globl memmove
    .type memmove, @function
memmove:
    cmp.geu.i64 a1, a0
    b 5f                        # src >= dst: forward is safe
    mov.i64 t4, a1
    add.i64 t4, t4, a2          # src + n
    cmp.geu.i64 a0, t4
    b 5f                        # no overlap
    mov.i64 t1, a0
    add.i64 t1, t1, a2          # dst end
    movi.i64 t3, 0
1:  cmp.eq.i64 a2, t3
    b 4f
    addi.i64 t1, -1
    addi.i64 t4, -1
    load.u8 t2, 0(t4)
    store.i8 t2, 0(t1)
    addi.i64 a2, -1
    j 1b
4:  ret
5:  mov.i64 t1, a0              # forward copy, as memcpy
    movi.i64 t3, 8
1:  cmp.ltu.i64 a2, t3
    b 2f
    load.i64 t2, 0(a1)
    store.i64 t2, 0(t1)
    addi.i64 a1, 8
    addi.i64 t1, 8
    addi.i64 a2, -8
    j 1b
2:  movi.i64 t3, 0
3:  cmp.eq.i64 a2, t3
    b 4f
    load.u8 t2, 0(a1)
    store.i8 t2, 0(t1)
    addi.i64 a1, 1
    addi.i64 t1, 1
    addi.i64 a2, -1
    j 3b
4:  ret
    .size memmove, .-memmove

# void *memset(void *s, int c, size_t n)
    .globl memset
    .type memset, @function
memset:
    mov.i64 t1, a0
    li t2, 255
    and.i64 t2, t2, a1
    li t3, 0x0101010101010101
    mul.i64 t2, t2, t3          # the byte in all 8 lanes
    movi.i64 t3, 8
1:  cmp.ltu.i64 a2, t3
    b 2f
    store.i64 t2, 0(t1)
    addi.i64 t1, 8
    addi.i64 a2, -8
    j 1b
2:  movi.i64 t3, 0
3:  cmp.eq.i64 a2, t3
    b 4f
    store.i8 t2, 0(t1)
    addi.i64 t1, 1
    addi.i64 a2, -1
    j 3b
4:  ret
    .size memset, .-memset

# int memcmp(const void *a, const void *b, size_t n)
    .globl memcmp
    .type memcmp, @function
memcmp:
    movi.i64 t3, 0
1:  cmp.eq.i64 a2, t3
    b 2f
    load.u8 t1, 0(a0)
    load.u8 t2, 0(a1)
    cmp.ne.i64 t1, t2
    b 3f
    addi.i64 a0, 1
    addi.i64 a1, 1
    addi.i64 a2, -1
    j 1b
2:  movi.i64 a0, 0
    ret
3:  sub.i64 a0, t1, t2
    ret
    .size memcmp, .-memcmp

# size_t strlen(const char *s)
    .globl strlen
    .type strlen, @function
strlen:
    mov.i64 t1, a0
    movi.i64 t3, 0
1:  load.u8 t2, 0(t1)
    cmp.eq.i64 t2, t3
    b 2f
    addi.i64 t1, 1
    j 1b
2:  sub.i64 a0, t1, a0
    ret
    .size strlen, .-strlen

# int strcmp(const char *a, const char *b)
    .globl strcmp
    .type strcmp, @function
strcmp:
    movi.i64 t3, 0
1:  load.u8 t1, 0(a0)
    load.u8 t2, 0(a1)
    cmp.ne.i64 t1, t2
    b 2f
    cmp.eq.i64 t1, t3
    b 2f                        # both ended
    addi.i64 a0, 1
    addi.i64 a1, 1
    j 1b
2:  sub.i64 a0, t1, t2
    ret
    .size strcmp, .-strcmp

# int strncmp(const char *a, const char *b, size_t n)
    .globl strncmp
    .type strncmp, @function
strncmp:
    movi.i64 t3, 0
1:  cmp.eq.i64 a2, t3
    b 3f
    load.u8 t1, 0(a0)
    load.u8 t2, 0(a1)
    cmp.ne.i64 t1, t2
    b 2f
    cmp.eq.i64 t1, t3
    b 2f
    addi.i64 a0, 1
    addi.i64 a1, 1
    addi.i64 a2, -1
    j 1b
2:  sub.i64 a0, t1, t2
    ret
3:  movi.i64 a0, 0
    ret
    .size strncmp, .-strncmp

# char *strchr(const char *s, int c): the first c (c may be 0), or NULL
    .globl strchr
    .type strchr, @function
strchr:
    li t3, 255
    and.i64 a1, a1, t3
    movi.i64 t3, 0
1:  load.u8 t1, 0(a0)
    cmp.eq.i64 t1, a1
    b 2f
    cmp.eq.i64 t1, t3
    b 3f
    addi.i64 a0, 1
    j 1b
2:  ret
3:  movi.i64 a0, 0
    ret
    .size strchr, .-strchr

# char *strrchr(const char *s, int c): the last c, or NULL
    .globl strrchr
    .type strrchr, @function
strrchr:
    li t3, 255
    and.i64 a1, a1, t3
    movi.i64 t3, 0
    movi.i64 t4, 0              # last match
1:  load.u8 t1, 0(a0)
    cmp.eq.i64 t1, a1
    cmov.i64 t4, a0
    cmp.eq.i64 t1, t3
    b 2f
    addi.i64 a0, 1
    j 1b
2:  mov.i64 a0, t4
    ret
    .size strrchr, .-strrchr

# char *strcpy(char *dst, const char *src)
    .globl strcpy
    .type strcpy, @function
strcpy:
    mov.i64 t1, a0
    movi.i64 t3, 0
1:  load.u8 t2, 0(a1)
    store.i8 t2, 0(t1)
    cmp.eq.i64 t2, t3
    b 2f
    addi.i64 a1, 1
    addi.i64 t1, 1
    j 1b
2:  ret
    .size strcpy, .-strcpy

# char *strncpy(char *dst, const char *src, size_t n): pads with NULs
    .globl strncpy
    .type strncpy, @function
strncpy:
    mov.i64 t1, a0
    movi.i64 t3, 0
1:  cmp.eq.i64 a2, t3
    b 3f
    load.u8 t2, 0(a1)
    store.i8 t2, 0(t1)
    addi.i64 t1, 1
    addi.i64 a2, -1
    cmp.eq.i64 t2, t3
    b 1b                        # at the end of src: keep storing NULs
    addi.i64 a1, 1
    j 1b
3:  ret
    .size strncpy, .-strncpy

# char *strcat(char *dst, const char *src)
    .globl strcat
    .type strcat, @function
strcat:
    mov.i64 t1, a0
    movi.i64 t3, 0
1:  load.u8 t2, 0(t1)
    cmp.eq.i64 t2, t3
    b 2f
    addi.i64 t1, 1
    j 1b
2:  load.u8 t2, 0(a1)
    store.i8 t2, 0(t1)
    cmp.eq.i64 t2, t3
    b 3f
    addi.i64 a1, 1
    addi.i64 t1, 1
    j 2b
3:  ret
    .size strcat, .-strcat

# void *memchr(const void *s, int c, size_t n): the first c in n bytes, or NULL
    .globl memchr
    .type memchr, @function
memchr:
    li t3, 255
    and.i64 a1, a1, t3
    movi.i64 t3, 0
1:  cmp.eq.i64 a2, t3
    b 2f
    load.u8 t1, 0(a0)
    cmp.eq.i64 t1, a1
    b 3f
    addi.i64 a0, 1
    addi.i64 a2, -1
    j 1b
2:  movi.i64 a0, 0
3:  ret
    .size memchr, .-memchr

# size_t strnlen(const char *s, size_t max)
    .globl strnlen
    .type strnlen, @function
strnlen:
    mov.i64 t1, a0
    movi.i64 t3, 0
1:  cmp.eq.i64 a1, t3
    b 2f
    load.u8 t2, 0(t1)
    cmp.eq.i64 t2, t3
    b 2f
    addi.i64 t1, 1
    addi.i64 a1, -1
    j 1b
2:  sub.i64 a0, t1, a0
    ret
    .size strnlen, .-strnlen

# char *strstr(const char *hay, const char *needle): the first occurrence,
# hay for an empty needle, NULL when there is none
    .globl strstr
    .type strstr, @function
strstr:
    movi.i64 t3, 0
1:  mov.i64 t1, a0              # try a match at a0
    mov.i64 t2, a1
2:  load.u8 t5, 0(t2)
    cmp.eq.i64 t5, t3
    b 4f                        # needle ended: found
    load.u8 t4, 0(t1)
    cmp.ne.i64 t4, t5
    b 3f
    addi.i64 t1, 1
    addi.i64 t2, 1
    j 2b
3:  load.u8 t4, 0(a0)           # mismatch: next start, unless hay ended
    cmp.eq.i64 t4, t3
    b 5f
    addi.i64 a0, 1
    j 1b
4:  ret
5:  movi.i64 a0, 0
    ret
    .size strstr, .-strstr

# string_host.s - runs the case table that tests/runtime/_string_ref.c
# generates (buffers buf_a, buf_b, buf_c0 and `cases`: five quads each,
# function, offset a, offset b, n, c) through libgrt's string functions and
# prints two numbers per case exactly as the reference does with the
# host's: a sign, an offset (-1 for NULL) or a length, and for the copies
# the returned offset and an FNV-1a hash of the whole target buffer;
# bsearch in `sorted` the value found and 1, or -1 and 0; strncpy,
# strcat and strstr as _string_ref.c describes.

    .bss
    .balign     64
buf_c:
    .zero       1024                    # memmove's buffer, reset from buf_c0
buf_d:
    .zero       2048                    # memcpy/memset/strcpy target, reset to 0x55

    .data
    .balign     8
by_long:
    .quad       cmp_long, cmp_long.const
key:
    .quad       0

    .section    .rodata
fmt:
    .string     "%ld %ld\n"

    .text

# reset: buf_c = buf_c0, buf_d = 0x55 bytes (word loops of our own)
    .type       reset, @function
reset:
    la          t1, buf_c
    la          t2, buf_c0
    li          t3, 128
1:  load.i64    t4, 0(t2)
    store.i64   t4, 0(t1)
    addi.i64    t1, 8
    addi.i64    t2, 8
    addi.i64    t3, -1
    movi.i64    t5, 0
    cmp.ne.i64  t3, t5
    b           1b
    la          t1, buf_d
    li          t3, 256
    li          t4, 0x5555555555555555
2:  store.i64   t4, 0(t1)
    addi.i64    t1, 8
    addi.i64    t3, -1
    cmp.ne.i64  t3, t5
    b           2b
    ret
    .size       reset, .-reset

# fnv(p, n): FNV-1a 64 of n bytes
    .type       fnv, @function
fnv:
    li          t1, 0xcbf29ce484222325
    li          t2, 0x100000001b3
    movi.i64    t4, 0
1:  cmp.eq.i64  a1, t4
    b           2f
    load.u8     t3, 0(a0)
    xor.i64     t1, t1, t3
    mul.i64     t1, t1, t2
    addi.i64    a0, 1
    addi.i64    a1, -1
    j           1b
2:  mov.i64     a0, t1
    ret
    .size       fnv, .-fnv

# int cmp_long(const long *a, const long *b)
    .type       cmp_long, @function
cmp_long:
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

# sign(a0) -> -1, 0, 1 of the low 32 bits (an int result)
    .type       sign, @function
sign:
    slli.i64    a0, 32
    srai.i64    a0, 32
    movi.i64    t1, 0
    movi.i64    t2, 1
    li          t3, -1
    cmp.lt.i64  t1, a0
    mov.i64     t4, t1
    cmov.i64    t4, t2
    cmp.lt.i64  a0, t1
    cmov.i64    t4, t3
    mov.i64     a0, t4
    ret
    .size       sign, .-sign

# s0 case, s1 cases left, s3 a = buf_a + oa, s4 b = buf_b + ob, s5 n,
# s6 c, s7 r1, s8 r2, s9 oa, s10 ob
    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -128
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s3, 24(sp)
    store.i64   s4, 32(sp)
    store.i64   s5, 40(sp)
    store.i64   s6, 48(sp)
    store.i64   s7, 56(sp)
    store.i64   s8, 64(sp)
    store.i64   s9, 72(sp)
    store.i64   s10, 80(sp)
    la          s0, cases
    la          t1, ncases
    load.i64    s1, 0(t1)
10: movi.i64    t1, 0
    cmp.eq.i64  s1, t1
    b           90f
    load.i64    s9, 8(s0)
    load.i64    s10, 16(s0)
    load.i64    s5, 24(s0)
    load.i64    s6, 32(s0)
    la          s3, buf_a
    add.i64     s3, s3, s9
    la          s4, buf_b
    add.i64     s4, s4, s10
    movi.i64    s8, 0
    call        reset
    load.i64    t1, 0(s0)
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           20f
    movi.i64    t2, 1
    cmp.eq.i64  t1, t2
    b           21f
    movi.i64    t2, 2
    cmp.eq.i64  t1, t2
    b           22f
    movi.i64    t2, 3
    cmp.eq.i64  t1, t2
    b           23f
    movi.i64    t2, 4
    cmp.eq.i64  t1, t2
    b           24f
    movi.i64    t2, 5
    cmp.eq.i64  t1, t2
    b           25f
    movi.i64    t2, 6
    cmp.eq.i64  t1, t2
    b           26f
    movi.i64    t2, 7
    cmp.eq.i64  t1, t2
    b           27f
    movi.i64    t2, 8
    cmp.eq.i64  t1, t2
    b           28f
    movi.i64    t2, 9
    cmp.eq.i64  t1, t2
    b           29f
    movi.i64    t2, 10
    cmp.eq.i64  t1, t2
    b           30f
    movi.i64    t2, 12
    cmp.eq.i64  t1, t2
    b           32f
    movi.i64    t2, 13
    cmp.eq.i64  t1, t2
    b           33f
    movi.i64    t2, 14
    cmp.eq.i64  t1, t2
    b           34f
    movi.i64    t2, 15
    cmp.eq.i64  t1, t2
    b           35f
    j           31f
20: mov.i64     a0, s3                  # memcmp
    mov.i64     a1, s4
    mov.i64     a2, s5
    call        memcmp
    call        sign
    mov.i64     s7, a0
    j           80f
21: mov.i64     a0, s3                  # strcmp
    mov.i64     a1, s4
    call        strcmp
    call        sign
    mov.i64     s7, a0
    j           80f
22: mov.i64     a0, s3                  # strncmp
    mov.i64     a1, s4
    mov.i64     a2, s5
    call        strncmp
    call        sign
    mov.i64     s7, a0
    j           80f
23: mov.i64     a0, s3                  # strlen
    call        strlen
    mov.i64     s7, a0
    j           80f
24: la          a0, buf_d               # memcpy(D + ob, a, n)
    add.i64     a0, a0, s10
    mov.i64     a1, s3
    mov.i64     a2, s5
    call        memcpy
    j           70f
25: la          a0, buf_c               # memmove(C + ob, C + oa, n)
    add.i64     a0, a0, s10
    la          a1, buf_c
    add.i64     a1, a1, s9
    mov.i64     a2, s5
    call        memmove
    la          t1, buf_c
    sub.i64     s7, a0, t1
    la          a0, buf_c
    li          a1, 1024
    call        fnv
    mov.i64     s8, a0
    j           80f
26: la          a0, buf_d               # memset(D + ob, c, n)
    add.i64     a0, a0, s10
    mov.i64     a1, s6
    mov.i64     a2, s5
    call        memset
    j           70f
27: mov.i64     a0, s3                  # memchr(a, c, n)
    mov.i64     a1, s6
    mov.i64     a2, s5
    call        memchr
    j           60f
28: mov.i64     a0, s3                  # strchr(a, c)
    mov.i64     a1, s6
    call        strchr
    j           60f
29: mov.i64     a0, s3                  # strrchr(a, c)
    mov.i64     a1, s6
    call        strrchr
    j           60f
30: mov.i64     a0, s3                  # strnlen(a, n)
    mov.i64     a1, s5
    call        strnlen
    mov.i64     s7, a0
    j           80f
31: la          a0, buf_d               # strcpy(D + ob, a)
    add.i64     a0, a0, s10
    mov.i64     a1, s3
    call        strcpy
    j           70f
32: la          t1, key                 # bsearch(&c, sorted, n, 8, cmp_long)
    store.i64   s6, 0(t1)
    la          a0, key
    la          a1, sorted
    mov.i64     a2, s5
    li          a3, 8
    la          a4, by_long
    call        bsearch
    li          s7, -1
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           80f
    load.i64    s7, 0(a0)
    movi.i64    s8, 1
    j           80f
33: la          a0, buf_d               # strncpy(D + ob, a, n)
    add.i64     a0, a0, s10
    mov.i64     a1, s3
    mov.i64     a2, s5
    call        strncpy
    j           70f
34: li          t2, 15                  # D[ob + n % 16] = 0, strcat(D + ob, a)
    and.i64     t1, s5, t2
    la          a0, buf_d
    add.i64     a0, a0, s10
    add.i64     t3, a0, t1
    movi.i64    t2, 0
    store.i8    t2, 0(t3)
    mov.i64     a1, s3
    call        strcat
    j           70f
35: li          t2, 6                   # needle: n % 6 bytes of A or B at oa + c % 64
    remu.i64    s7, s5, t2
    li          t2, 64
    and.i64     t1, s6, t2
    movi.i64    t2, 0
    cmp.ne.i64  t1, t2
    la          a1, buf_a
    la          t3, buf_b
    cmov.i64    a1, t3
    add.i64     a1, a1, s9
    li          t2, 63
    and.i64     t1, s6, t2
    add.i64     a1, a1, t1
    la          a0, buf_d
    mov.i64     a2, s7
    call        memcpy
    la          t1, buf_d
    add.i64     t1, t1, s7
    movi.i64    t2, 0
    store.i8    t2, 0(t1)
    mov.i64     a0, s3                  # strstr(a, needle)
    la          a1, buf_d
    call        strstr
    j           60f
60: li          s7, -1                  # a pointer into a, or NULL
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           80f
    sub.i64     s7, a0, s3
    j           80f
70: la          t1, buf_d               # a pointer into D, then D's hash
    sub.i64     s7, a0, t1
    la          a0, buf_d
    li          a1, 2048
    call        fnv
    mov.i64     s8, a0
80: la          a0, fmt
    mov.i64     a1, s7
    mov.i64     a2, s8
    call        printf
    addi.i64    s0, 40
    addi.i64    s1, -1
    j           10b
90: movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s3, 24(sp)
    load.i64    s4, 32(sp)
    load.i64    s5, 40(sp)
    load.i64    s6, 48(sp)
    load.i64    s7, 56(sp)
    load.i64    s8, 64(sp)
    load.i64    s9, 72(sp)
    load.i64    s10, 80(sp)
    addi.i64    sp, 128
    ret
    .size       main, .-main

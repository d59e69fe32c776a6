# string_sweep.s - memcpy, memmove, memset, strlen, strcpy and the
# comparisons at every length 0..40 and every alignment 0..7 of source
# and destination, against byte-by-byte loops written here: the result,
# the return value, and that no byte outside the destination changed
# (guards of 0xaa).  memmove at every distance -9..9 in both directions.
# Comparisons with bytes >= 0x80 (unsigned, as C says), strncmp at
# n = 0, strchr of a high byte and of an int above 255.  Prints
# "errors N checks N" and the first few failures.

    .section    .rodata
f_done:
    .string     "errors %ld checks %ld\n"
f_err:
    .string     "%s: a=%ld b=%ld n=%ld\n"
n_cpy:
    .string     "memcpy"
n_mov:
    .string     "memmove"
n_set:
    .string     "memset"
n_len:
    .string     "strlen"
n_scpy:
    .string     "strcpy"
n_cmp:
    .string     "compare"
hi_a:
    .string     "ab\200c"
hi_b:
    .string     "ab\001c"
hi_c:
    .string     "ab\377"
s_e9:
    .string     "caf\351!"

    .bss
    .balign     64
src:
    .zero       128
dst:
    .zero       128
want:
    .zero       128
nerr:
    .zero       8
nchk:
    .zero       8

    .text

# pattern(p, n, k): p[i] = ((i + k) * 37 + 11) | 1 for i < n (never 0)
    .type       pattern, @function
pattern:
    movi.i64    t1, 0
1:  cmp.geu.i64 t1, a1
    b           2f
    add.i64     t2, t1, a2
    li          t3, 37
    mul.i64     t2, t2, t3
    addi.i64    t2, 11
    movi.i64    t3, 1
    or.i64      t2, t2, t3
    add.i64     t3, a0, t1
    store.i8    t2, 0(t3)
    addi.i64    t1, 1
    j           1b
2:  ret
    .size       pattern, .-pattern

# bset(p, c, n) and bcopy_(d, s, n): the references, one byte at a time
    .type       bset, @function
bset:
    movi.i64    t1, 0
1:  cmp.geu.i64 t1, a2
    b           2f
    add.i64     t2, a0, t1
    store.i8    a1, 0(t2)
    addi.i64    t1, 1
    j           1b
2:  ret
    .size       bset, .-bset

    .type       bcopy_, @function
bcopy_:
    movi.i64    t1, 0
1:  cmp.geu.i64 t1, a2
    b           2f
    add.i64     t2, a1, t1
    load.u8     t3, 0(t2)
    add.i64     t2, a0, t1
    store.i8    t3, 0(t2)
    addi.i64    t1, 1
    j           1b
2:  ret
    .size       bcopy_, .-bcopy_

# verdict(ok, name, a, b, n): count a check; report a failure
    .type       verdict, @function
verdict:
    la          t1, nchk
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           9f
    la          t1, nerr
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    li          t1, 10
    cmp.ltu.i64 t1, t2
    b           9f
    la          a0, f_err               # printf(f_err, name, a, b, n)
    tail        printf
9:  ret
    .size       verdict, .-verdict

# same128(): 1 when dst[0..128) == want[0..128)
    .type       same128, @function
same128:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, dst
    la          a1, want
    li          a2, 128
    call        __t_memeq
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       same128, .-same128

# __t_memeq(a, b, n): 1 when equal, byte by byte
    .type       __t_memeq, @function
__t_memeq:
    movi.i64    t1, 0
1:  cmp.geu.i64 t1, a2
    b           2f
    add.i64     t2, a0, t1
    load.u8     t2, 0(t2)
    add.i64     t3, a1, t1
    load.u8     t3, 0(t3)
    cmp.ne.i64  t2, t3
    b           3f
    addi.i64    t1, 1
    j           1b
2:  movi.i64    a0, 1
    ret
3:  movi.i64    a0, 0
    ret
    .size       __t_memeq, .-__t_memeq

# guards(): dst and want all 0xaa
    .type       guards, @function
guards:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, dst
    li          a1, 0xaa
    li          a2, 128
    call        bset
    la          a0, want
    li          a1, 0xaa
    li          a2, 128
    call        bset
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       guards, .-guards

# memcpy(dst + 8 + s1, src + s2, s3) for every s1, s2 in 0..7, s3 in 0..40
    .type       t_memcpy, @function
t_memcpy:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s1, 8(sp)
    store.i64   s2, 16(sp)
    store.i64   s3, 24(sp)
    store.i64   s4, 32(sp)
    movi.i64    s1, 0
1:  movi.i64    s2, 0
2:  movi.i64    s3, 0
3:  call        guards
    la          a0, want
    addi.i64    a0, 8
    add.i64     a0, a0, s1
    la          a1, src
    add.i64     a1, a1, s2
    mov.i64     a2, s3
    call        bcopy_
    la          a0, dst
    addi.i64    a0, 8
    add.i64     a0, a0, s1
    mov.i64     s4, a0
    la          a1, src
    add.i64     a1, a1, s2
    mov.i64     a2, s3
    call        memcpy
    cmp.eq.i64  a0, s4                  # returns dst
    movi.i64    s4, 0
    movi.i64    t1, 1
    cmov.i64    s4, t1
    call        same128
    and.i64     a0, a0, s4
    la          a1, n_cpy
    mov.i64     a2, s1
    mov.i64     a3, s2
    mov.i64     a4, s3
    call        verdict
    addi.i64    s3, 1
    li          t1, 40
    cmp.ge.i64  t1, s3
    b           3b
    addi.i64    s2, 1
    li          t1, 8
    cmp.lt.i64  s2, t1
    b           2b
    addi.i64    s1, 1
    li          t1, 8
    cmp.lt.i64  s1, t1
    b           1b
    load.i64    ra, 0(sp)
    load.i64    s1, 8(sp)
    load.i64    s2, 16(sp)
    load.i64    s3, 24(sp)
    load.i64    s4, 32(sp)
    addi.i64    sp, 64
    ret
    .size       t_memcpy, .-t_memcpy

# memset(dst + 8 + s1, 0x1c3 (only the low byte counts), s3)
    .type       t_memset, @function
t_memset:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s1, 8(sp)
    store.i64   s3, 24(sp)
    store.i64   s4, 32(sp)
    movi.i64    s1, 0
1:  movi.i64    s3, 0
3:  call        guards
    la          a0, want
    addi.i64    a0, 8
    add.i64     a0, a0, s1
    li          a1, 0xc3
    mov.i64     a2, s3
    call        bset
    la          a0, dst
    addi.i64    a0, 8
    add.i64     a0, a0, s1
    mov.i64     s4, a0
    li          a1, 0x1c3
    mov.i64     a2, s3
    call        memset
    cmp.eq.i64  a0, s4
    movi.i64    s4, 0
    movi.i64    t1, 1
    cmov.i64    s4, t1
    call        same128
    and.i64     a0, a0, s4
    la          a1, n_set
    mov.i64     a2, s1
    movi.i64    a3, 0
    mov.i64     a4, s3
    call        verdict
    addi.i64    s3, 1
    li          t1, 40
    cmp.ge.i64  t1, s3
    b           3b
    addi.i64    s1, 1
    li          t1, 8
    cmp.lt.i64  s1, t1
    b           1b
    load.i64    ra, 0(sp)
    load.i64    s1, 8(sp)
    load.i64    s3, 24(sp)
    load.i64    s4, 32(sp)
    addi.i64    sp, 64
    ret
    .size       t_memset, .-t_memset

# memmove(dst + 40 + d, dst + 40, n) for d in -9..9, n in 0..40: want is
# the old dst with the old bytes [40, 40 + n) at 40 + d
    .type       t_memmove, @function
t_memmove:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s1, 8(sp)
    store.i64   s3, 24(sp)
    store.i64   s4, 32(sp)
    li          s1, -9
1:  movi.i64    s3, 0
3:  la          a0, dst
    li          a1, 128
    movi.i64    a2, 5
    call        pattern
    la          a0, want
    li          a1, 128
    movi.i64    a2, 5
    call        pattern
    la          a0, want
    addi.i64    a0, 40
    add.i64     a0, a0, s1
    la          a1, src                 # src = the pattern at 5 + 40
    mov.i64     a2, s3
    call        t_shifted
    la          a0, dst
    addi.i64    a0, 40
    add.i64     a0, a0, s1
    mov.i64     s4, a0
    la          a1, dst
    addi.i64    a1, 40
    mov.i64     a2, s3
    call        memmove
    cmp.eq.i64  a0, s4
    movi.i64    s4, 0
    movi.i64    t1, 1
    cmov.i64    s4, t1
    call        same128
    and.i64     a0, a0, s4
    la          a1, n_mov
    mov.i64     a2, s1
    movi.i64    a3, 0
    mov.i64     a4, s3
    call        verdict
    addi.i64    s3, 1
    li          t1, 40
    cmp.ge.i64  t1, s3
    b           3b
    addi.i64    s1, 1
    li          t1, 9
    cmp.ge.i64  t1, s1
    b           1b
    load.i64    ra, 0(sp)
    load.i64    s1, 8(sp)
    load.i64    s3, 24(sp)
    load.i64    s4, 32(sp)
    addi.i64    sp, 64
    ret
    .size       t_memmove, .-t_memmove

# t_shifted(p, _, n): p[i] = the pattern byte of offset 45 + i
    .type       t_shifted, @function
t_shifted:
    mov.i64     a1, a2
    li          a2, 45
    tail        pattern
    .size       t_shifted, .-t_shifted

# strlen(dst + s1) of s3 pattern bytes and a 0, more bytes after it;
# strcpy(want + 8 + s2, that) copies exactly s3 + 1 bytes, returns want + 8 + s2
    .type       t_str, @function
t_str:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s1, 8(sp)
    store.i64   s2, 16(sp)
    store.i64   s3, 24(sp)
    store.i64   s4, 32(sp)
    movi.i64    s1, 0
1:  movi.i64    s3, 0
3:  la          a0, dst
    li          a1, 128
    movi.i64    a2, 0
    call        pattern
    la          t1, dst
    add.i64     t1, t1, s1
    add.i64     t1, t1, s3
    movi.i64    t2, 0
    store.i8    t2, 0(t1)
    la          a0, dst
    add.i64     a0, a0, s1
    call        strlen
    cmp.eq.i64  a0, s3
    movi.i64    a0, 0
    movi.i64    t1, 1
    cmov.i64    a0, t1
    la          a1, n_len
    mov.i64     a2, s1
    movi.i64    a3, 0
    mov.i64     a4, s3
    call        verdict
    movi.i64    s2, 0
2:  la          a0, want                # strcpy into want + 8 + s2; src keeps the reference
    li          a1, 0xaa
    li          a2, 128
    call        bset
    la          a0, src
    li          a1, 0xaa
    li          a2, 128
    call        bset
    la          a0, src
    addi.i64    a0, 8
    add.i64     a0, a0, s2
    la          a1, dst
    add.i64     a1, a1, s1
    mov.i64     a2, s3
    addi.i64    a2, 1
    call        bcopy_
    la          a0, want
    addi.i64    a0, 8
    add.i64     a0, a0, s2
    mov.i64     s4, a0
    la          a1, dst
    add.i64     a1, a1, s1
    call        strcpy
    cmp.eq.i64  a0, s4
    movi.i64    s4, 0
    movi.i64    t1, 1
    cmov.i64    s4, t1
    la          a0, want
    la          a1, src
    li          a2, 128
    call        __t_memeq
    and.i64     a0, a0, s4
    la          a1, n_scpy
    mov.i64     a2, s1
    mov.i64     a3, s2
    mov.i64     a4, s3
    call        verdict
    addi.i64    s2, 1
    li          t1, 8
    cmp.lt.i64  s2, t1
    b           2b
    addi.i64    s3, 1
    li          t1, 40
    cmp.ge.i64  t1, s3
    b           3b
    addi.i64    s1, 1
    li          t1, 8
    cmp.lt.i64  s1, t1
    b           1b
    load.i64    ra, 0(sp)
    load.i64    s1, 8(sp)
    load.i64    s2, 16(sp)
    load.i64    s3, 24(sp)
    load.i64    s4, 32(sp)
    addi.i64    sp, 64
    ret
    .size       t_str, .-t_str

# sign(x): -1, 0 or 1 of the int result, as a long
    .type       sign, @function
sign:
    slli.i64    a0, 32
    srai.i64    a0, 32
    movi.i64    t1, 0
    movi.i64    t2, 1
    li          t3, -1
    movi.i64    t4, 0
    cmp.lt.i64  t4, a0
    cmov.i64    t1, t2
    cmp.lt.i64  a0, t4
    cmov.i64    t1, t3
    mov.i64     a0, t1
    ret
    .size       sign, .-sign

# expect(got, want, case): a compare check
    .type       expect, @function
expect:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a1, 8(sp)
    store.i64   a2, 16(sp)
    call        sign
    load.i64    t1, 8(sp)
    cmp.eq.i64  a0, t1
    movi.i64    a0, 0
    movi.i64    t2, 1
    cmov.i64    a0, t2
    la          a1, n_cmp
    load.i64    a2, 16(sp)
    movi.i64    a3, 0
    movi.i64    a4, 0
    call        verdict
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       expect, .-expect

# bytes >= 0x80 compare above smaller ones (unsigned char), in memcmp,
# strcmp and strncmp; n = 0 is equal; strchr finds a high byte and
# converts its int argument to char
    .type       t_cmp, @function
t_cmp:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, hi_a
    la          a1, hi_b
    li          a2, 4
    call        memcmp
    movi.i64    a1, 1
    movi.i64    a2, 1
    call        expect
    la          a0, hi_b
    la          a1, hi_a
    call        strcmp
    li          a1, -1
    movi.i64    a2, 2
    call        expect
    la          a0, hi_c
    la          a1, hi_a
    call        strcmp
    movi.i64    a1, 1
    movi.i64    a2, 3
    call        expect
    la          a0, hi_a
    la          a1, hi_c
    li          a2, 3
    call        strncmp
    li          a1, -1
    movi.i64    a2, 4
    call        expect
    la          a0, hi_a
    la          a1, hi_b
    li          a2, 4
    call        strncmp
    movi.i64    a1, 1
    li          a2, 11
    call        expect
    la          a0, hi_a
    la          a1, hi_b
    li          a2, 2
    call        strncmp
    movi.i64    a1, 0
    movi.i64    a2, 5
    call        expect
    la          a0, hi_a
    la          a1, hi_b
    movi.i64    a2, 0
    call        strncmp
    movi.i64    a1, 0
    movi.i64    a2, 6
    call        expect
    la          a0, hi_a
    la          a1, hi_b
    movi.i64    a2, 0
    call        memcmp
    movi.i64    a1, 0
    movi.i64    a2, 7
    call        expect
    la          a0, hi_c                # the first 2 bytes are equal
    la          a1, hi_a
    li          a2, 2
    call        memcmp
    movi.i64    a1, 0
    li          a2, 8
    call        expect
    la          a0, s_e9
    li          a1, 0xe9
    call        strchr
    la          t1, s_e9
    sub.i64     a0, a0, t1
    li          a1, 3
    sub.i64     a0, a0, a1              # 0 when found at 3
    movi.i64    a1, 0
    li          a2, 9
    call        expect
    la          a0, s_e9
    li          a1, 0x121               # (char)0x121 = '!'
    call        strchr
    la          t1, s_e9
    sub.i64     a0, a0, t1
    li          a1, 4
    sub.i64     a0, a0, a1
    movi.i64    a1, 0
    li          a2, 10
    call        expect
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       t_cmp, .-t_cmp

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, src
    li          a1, 128
    movi.i64    a2, 0
    call        pattern
    call        t_memcpy
    call        t_memset
    call        t_memmove
    call        t_str
    call        t_cmp
    la          a0, f_done
    la          t1, nerr
    load.i64    a1, 0(t1)
    la          t1, nchk
    load.i64    a2, 0(t1)
    call        printf
    la          t1, nerr
    load.i64    t2, 0(t1)
    movi.i64    a0, 0
    movi.i64    t1, 0
    cmp.eq.i64  t2, t1
    b           1f
    movi.i64    a0, 1
1:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

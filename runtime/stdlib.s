# stdlib.s - exit, abort, environment, number parsing, small helpers.

    .bss

    .balign     8
    .globl      environ
    .type       environ, @object
environ:                                # char **environ, set by crt0's _start
    .zero       8
    .size       environ, 8

__grt_atexit_n:                         # handlers registered
    .zero       8
__grt_atexit_fns:                       # their descriptors
    .zero       256

    .data
    .balign     8
__grt_rand_state:
    .quad       1

    .text

# void exit(int status): run the atexit handlers, last registered first,
# then _exit.  There are no stdio buffers to flush (printf writes its
# output before it returns).
    .globl      exit
    .type       exit, @function
exit:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
1:  la          t2, __grt_atexit_n
    load.i64    t3, 0(t2)
    movi.i64    t4, 0
    cmp.eq.i64  t3, t4
    b           2f
    addi.i64    t3, -1                  # pop before the call: a handler that calls
    store.i64   t3, 0(t2)               # exit does not run itself again
    la          t1, __grt_atexit_fns
    slli.i64    t3, 3
    add.i64     t1, t1, t3
    load.i64    t1, 0(t1)
    call        __grt_icall
    j           1b
2:  call        __grt_flushall          # stdio buffers out
    mov.i64     a0, s0
    call        _exit
    load.i64    ra, 0(sp)               # not reached
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       exit, .-exit

# int atexit(fn): fn is a function pointer (descriptor, see icall.s) to
# void fn(void); up to 32 handlers; 0, or -1 when the table is full
    .globl      atexit
    .type       atexit, @function
atexit:
    la          t2, __grt_atexit_n
    load.i64    t3, 0(t2)
    li          t4, 32
    cmp.geu.i64 t3, t4
    b           1f
    la          t1, __grt_atexit_fns
    mov.i64     t5, t3
    slli.i64    t5, 3
    add.i64     t1, t1, t5
    store.i64   a0, 0(t1)
    addi.i64    t3, 1
    store.i64   t3, 0(t2)
    movi.i64    a0, 0
    ret
1:  li          a0, -1
    ret
    .size       atexit, .-atexit

# void abort(void): raise SIGABRT; if that returns, exit with 128 + 6.
    .globl      abort
    .type       abort, @function
abort:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        getpid
    movi.i64    a1, 6
    call        kill
    li          a0, 134
    call        _exit
1:  j           1b
    .size       abort, .-abort

# char *getenv(const char *name): the value of NAME=value in environ, or NULL
    .globl      getenv
    .type       getenv, @function
getenv:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    call        strlen
    mov.i64     s1, a0
    la          t1, environ
    load.i64    s2, 0(t1)
    movi.i64    t1, 0
    cmp.eq.i64  s2, t1
    b           8f
1:  load.i64    a0, 0(s2)
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           8f
    mov.i64     a1, s0
    mov.i64     a2, s1
    call        strncmp
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           2f
    load.i64    a0, 0(s2)
    add.i64     a0, a0, s1
    load.u8     t2, 0(a0)
    li          t1, '='
    cmp.ne.i64  t2, t1
    b           2f
    addi.i64    a0, 1
    j           9f
2:  addi.i64    s2, 8
    j           1b
8:  movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       getenv, .-getenv

# __grt_strtox(s, endptr, base): the scanner behind strtol and strtoul.
# Leading white space, an optional sign, then digits of base 2..36; base 0
# picks 16 for "0x", 8 for a leading 0, else 10; base 16 accepts "0x"
# (only when a hex digit follows).  *endptr (when endptr is not NULL) is
# the first byte not used, or s when there are no digits.  Returns three
# values: a0 = the magnitude mod 2^64, a1 = 1 for a '-' sign, a2 = 1 when
# the magnitude did not fit in 64 bits.  Any other base: EINVAL, 0 and
# *endptr = s.  A leaf.
    .type       __grt_strtox, @function
__grt_strtox:
    slli.i64    a2, 32                  # base is an int
    srai.i64    a2, 32
    movi.i64    t3, 0
    cmp.eq.i64  a2, t3
    b           13f                     # base 0
    movi.i64    t3, 2
    cmp.lt.i64  a2, t3
    b           14f
    li          t3, 36
    cmp.lt.i64  t3, a2
    b           14f
13: mov.i64     t1, a0                  # t1: cursor
    movi.i64    t9, 0                   # t9: negative
1:  load.u8     t2, 0(t1)
    li          t3, ' '
    cmp.eq.i64  t2, t3
    b           2f
    mov.i64     t4, t2
    addi.i64    t4, -9
    li          t3, 5
    cmp.ltu.i64 t4, t3                  # \t \n \v \f \r
    b           2f
    j           3f
2:  addi.i64    t1, 1
    j           1b
3:  li          t3, '-'
    cmp.ne.i64  t2, t3
    b           4f
    movi.i64    t9, 1
    addi.i64    t1, 1
    j           5f
4:  li          t3, '+'
    cmp.ne.i64  t2, t3
    b           5f
    addi.i64    t1, 1
5:  movi.i64    t3, 0
    cmp.eq.i64  a2, t3
    b           6f
    li          t3, 16
    cmp.ne.i64  a2, t3
    b           8f
6:  load.u8     t2, 0(t1)               # "0x" followed by a hex digit?
    li          t3, '0'
    cmp.ne.i64  t2, t3
    b           7f
    load.u8     t2, 1(t1)
    li          t3, 32
    or.i64      t2, t2, t3
    li          t3, 'x'
    cmp.ne.i64  t2, t3
    b           7f
    load.u8     t2, 2(t1)
    mov.i64     t4, t2
    addi.i64    t4, -48
    li          t3, 10
    cmp.ltu.i64 t4, t3
    b           66f
    li          t3, 32
    or.i64      t4, t2, t3
    addi.i64    t4, -97
    li          t3, 6
    cmp.ltu.i64 t4, t3
    b           66f
    j           7f
66: addi.i64    t1, 2
    li          a2, 16
    j           8f
7:  movi.i64    t3, 0                   # base 0 without 0x: 8 or 10
    cmp.ne.i64  a2, t3
    b           8f
    li          a2, 10
    load.u8     t2, 0(t1)
    li          t3, '0'
    cmp.ne.i64  t2, t3
    b           8f
    li          a2, 8
8:  movi.i64    t5, 0                   # t5: value
    movi.i64    t10, 0                  # t10: overflowed
    mov.i64     t6, a0                  # t6: end (s until a digit is used)
9:  load.u8     t2, 0(t1)
    mov.i64     t4, t2
    addi.i64    t4, -48
    li          t3, 10
    cmp.ltu.i64 t4, t3
    b           10f
    li          t3, 32
    or.i64      t4, t2, t3
    addi.i64    t4, -97
    li          t3, 26
    cmp.geu.i64 t4, t3
    b           11f                     # neither digit nor letter
    addi.i64    t4, 10
10: cmp.geu.i64 t4, a2
    b           11f                     # not a digit of this base
    mulhu.i64   t7, t5, a2              # t5 = t5 * base + digit, noting overflow
    mul.i64     t5, t5, a2
    movi.i64    t11, 1
    movi.i64    t12, 0
    cmp.ne.i64  t7, t12
    cmov.i64    t10, t11
    add.i64     t8, t5, t4
    cmp.ltu.i64 t8, t5
    cmov.i64    t10, t11
    mov.i64     t5, t8
    addi.i64    t1, 1
    mov.i64     t6, t1
    j           9b
11: movi.i64    t3, 0
    cmp.eq.i64  a1, t3
    b           12f
    store.i64   t6, 0(a1)
12: mov.i64     a0, t5
    mov.i64     a1, t9
    mov.i64     a2, t10
    ret
14: li          t3, 22                  # EINVAL
    la          t4, errno
    store.i32   t3, 0(t4)
    movi.i64    t3, 0
    cmp.eq.i64  a1, t3
    b           15f
    store.i64   a0, 0(a1)
15: movi.i64    a0, 0
    movi.i64    a1, 0
    movi.i64    a2, 0
    ret
    .size       __grt_strtox, .-__grt_strtox

# long strtol(const char *s, char **endptr, int base): as C.  A value
# beyond LONG_MIN..LONG_MAX gives that limit and errno = ERANGE.
    .globl      strtol
    .type       strtol, @function
strtol:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        __grt_strtox
    li          t1, 0x7fffffffffffffff
    add.i64     t1, t1, a1              # the limit: LONG_MAX, or 2^63 for '-'
    cmp.ltu.i64 t1, a0
    b           2f
    movi.i64    t2, 0
    cmp.ne.i64  a2, t2
    b           2f
    cmp.eq.i64  a1, t2
    b           9f
    neg.i64     a0, a0
    j           9f
2:  mov.i64     a0, t1                  # out of range: LONG_MAX or LONG_MIN
    li          t1, 34                  # ERANGE
    la          t2, errno
    store.i32   t1, 0(t2)
9:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       strtol, .-strtol

# unsigned long strtoul(const char *s, char **endptr, int base): as C
# (a '-' negates the value modulo 2^64); beyond 64 bits: ULONG_MAX, ERANGE.
    .globl      strtoul
    .type       strtoul, @function
strtoul:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        __grt_strtox
    movi.i64    t2, 0
    cmp.ne.i64  a2, t2
    b           2f
    cmp.eq.i64  a1, t2
    b           9f
    neg.i64     a0, a0
    j           9f
2:  li          a0, -1                  # ULONG_MAX
    li          t1, 34                  # ERANGE
    la          t2, errno
    store.i32   t1, 0(t2)
9:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       strtoul, .-strtoul

# long atol(const char *s) = strtol(s, NULL, 10)
    .globl      atol
    .type       atol, @function
atol:
    movi.i64    a1, 0
    li          a2, 10
    tail        strtol
    .size       atol, .-atol

# int atoi(const char *s) = (int)strtol(s, NULL, 10)
    .globl      atoi
    .type       atoi, @function
atoi:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    movi.i64    a1, 0
    li          a2, 10
    call        strtol
    slli.i64    a0, 32
    srai.i64    a0, 32
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       atoi, .-atoi

# int abs(int x)
    .globl      abs
    .type       abs, @function
abs:
    slli.i64    a0, 32
    srai.i64    a0, 32
    tail        labs
    .size       abs, .-abs

# long labs(long x)
    .globl      labs
    .type       labs, @function
labs:
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    b           1f
    neg.i64     a0, a0
1:  ret
    .size       labs, .-labs

# void srand(unsigned seed)
    .globl      srand
    .type       srand, @function
srand:
    la          t1, __grt_rand_state
    store.i64   a0, 0(t1)
    ret
    .size       srand, .-srand

# int rand(void): 64-bit LCG (Knuth's MMIX constants), bits 33..63
    .globl      rand
    .type       rand, @function
rand:
    la          t1, __grt_rand_state
    load.i64    a0, 0(t1)
    li          t2, 6364136223846793005
    mul.i64     a0, a0, t2
    li          t2, 1442695040888963407
    add.i64     a0, a0, t2
    store.i64   a0, 0(t1)
    srli.i64    a0, 33
    ret
    .size       rand, .-rand

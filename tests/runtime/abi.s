# abi.s - every libgrt entry point keeps the callee-saved registers
# (s0-s2, s3-s34) and sp, as docs/abi.md requires: main loads a distinct
# value into each, makes a call, and checks all of them (and sp) after it.
# Prints "abi ok N" with the number of calls checked, or which call broke
# which register.

    .macro      saveregs
    .set        off, 16
    .irp        r, s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,s12,s13,s14,s15,s16,s17,s18,s19,s20,s21,s22,s23,s24,s25,s26,s27,s28,s29,s30,s31,s32,s33,s34
    store.i64   \r, off(sp)
    .set        off, off+8
    .endr
    .endm

    .macro      loadregs
    .set        off, 16
    .irp        r, s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,s12,s13,s14,s15,s16,s17,s18,s19,s20,s21,s22,s23,s24,s25,s26,s27,s28,s29,s30,s31,s32,s33,s34
    load.i64    \r, off(sp)
    .set        off, off+8
    .endr
    .endm

    # s0 = 1001, s1 = 1002, ... s34 = 1035
    .macro      setregs
    .set        v, 1000
    .irp        r, s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,s12,s13,s14,s15,s16,s17,s18,s19,s20,s21,s22,s23,s24,s25,s26,s27,s28,s29,s30,s31,s32,s33,s34
    .set        v, v+1
    li          \r, v
    .endr
    .endm

    # after call number k: t8 = k, t9 = the register number that differs
    .macro      checkregs k
    li          t8, \k
    .set        v, 1000
    .irp        r, s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,s12,s13,s14,s15,s16,s17,s18,s19,s20,s21,s22,s23,s24,s25,s26,s27,s28,s29,s30,s31,s32,s33,s34
    .set        v, v+1
    li          t1, v
    li          t9, v
    cmp.ne.i64  \r, t1
    b           fail
    .endr
    li          t9, 0
    la          t1, saved_sp
    load.i64    t1, 0(t1)
    cmp.ne.i64  sp, t1
    b           fail
    .endm

    .data
    .balign     8
saved_sp:
    .quad       0
calls:
    .quad       0
by_value:
    .quad       cmp_long, cmp_long.const
longs:
    .quad       9, -4, 7, 7, 0, 12345, -99, 3
key:
    .quad       7

    .section    .rodata
fmt:
    .string     "%s %d %ld %lx %c %5s|%-4d|\n"
fmt_ok:
    .string     "abi ok %d\n"
fmt_fail:
    .string     "call %ld changed the callee-saved register that held %ld (s0 held 1001, s1 1002, ..., s34 1035; 0 means sp)\n"
word:
    .string     "word"
num:
    .string     "  -1234xyz"
envname:
    .string     "HOME"
hay:
    .string     "haystack"
needle:
    .string     "st"

    .bss
    .balign     64
buf:
    .zero       256
ptr:
    .zero       8
ptr2:
    .zero       8

    .text

# int cmp_long(const long *a, const long *b): temporaries only
    .type       cmp_long, @function
cmp_long:
    load.i64    t1, 0(a0)
    load.i64    t2, 0(a1)
    movi.i64    a0, 0
    cmp.lt.i64  t1, t2
    b           1f
    cmp.eq.i64  t1, t2
    b           2f
    movi.i64    a0, 1
    ret
1:  li          a0, -1
2:  ret

# the calls under test, run with the s-registers set; each is one case
    .type       cases, @function
cases:
    addi.i64    sp, -320
    store.i64   ra, 304(sp)             # 0(sp): outgoing stack argument
    saveregs
    la          t1, saved_sp
    store.i64   sp, 0(t1)
    setregs

    la          a0, fmt
    la          a1, word
    li          a2, -42
    li          a3, 1234567890123
    li          a4, 0xfeed
    li          a5, 'z'
    la          a6, word
    li          a7, 17
    call        printf
    checkregs   1
    la          a0, buf
    li          a1, 256
    la          a2, fmt
    la          a3, word
    li          a4, 1
    li          a5, 2
    li          a6, 3
    li          a7, 'c'
    call        snprintf
    checkregs   2
    li          a0, 100
    call        malloc
    la          t1, ptr
    store.i64   a0, 0(t1)
    checkregs   3
    li          a0, 300000
    call        malloc
    la          t1, ptr2
    store.i64   a0, 0(t1)
    checkregs   4
    la          t1, ptr
    load.i64    a0, 0(t1)
    li          a1, 5000
    call        realloc
    la          t1, ptr
    store.i64   a0, 0(t1)
    checkregs   5
    la          t1, ptr
    load.i64    a0, 0(t1)
    call        free
    checkregs   6
    la          t1, ptr2
    load.i64    a0, 0(t1)
    call        free
    checkregs   7
    li          a0, 10
    li          a1, 10
    call        calloc
    la          t1, ptr
    store.i64   a0, 0(t1)
    checkregs   8
    la          t1, ptr
    load.i64    a0, 0(t1)
    call        free
    checkregs   9
    la          a0, word
    call        strdup
    la          t1, ptr
    store.i64   a0, 0(t1)
    checkregs   10
    la          a0, buf
    la          a1, fmt
    li          a2, 20
    call        memmove
    checkregs   11
    la          a0, buf
    movi.i64    a1, 0
    li          a2, 200
    call        memset
    checkregs   12
    la          a0, num
    movi.i64    a1, 0
    movi.i64    a2, 0
    call        strtol
    checkregs   13
    la          a0, num
    call        atoi
    checkregs   14
    la          a0, envname
    call        getenv
    checkregs   15
    la          a0, longs
    li          a1, 8
    li          a2, 8
    la          a3, by_value
    call        qsort
    checkregs   16
    la          a0, key
    la          a1, longs
    li          a2, 8
    li          a3, 8
    la          a4, by_value
    call        bsearch
    checkregs   17
    la          a0, hay
    la          a1, needle
    call        strstr
    checkregs   18
    la          a0, word
    call        puts
    checkregs   19
    li          a0, '!'
    call        putchar
    checkregs   20
    li          a0, 2
    la          a1, fmt
    la          a2, word
    li          a3, 1
    li          a4, 2
    li          a5, 3
    li          a6, 'e'
    la          a7, word
    li          t1, 99
    store.i64   t1, 0(sp)               # the ninth argument
    call        dprintf
    checkregs   21
    call        rand
    checkregs   22
    call        getpid
    checkregs   23
    la          a0, buf
    la          a1, word
    call        strcmp
    checkregs   24
    la          t1, ptr
    load.i64    a0, 0(t1)
    call        free
    checkregs   25

    li          a0, 25
    loadregs
    load.i64    ra, 304(sp)
    addi.i64    sp, 320
    ret
fail:
    mov.i64     a1, t8                  # report, without returning: the
    mov.i64     a2, t9                  # registers are not trustworthy
    la          a0, fmt_fail
    call        printf
    li          a0, 1
    call        exit

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        cases
    mov.i64     a1, a0
    la          a0, fmt_ok
    call        printf
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

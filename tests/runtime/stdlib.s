# stdlib.s - atoi, atol, strtol (bases, prefixes, endptr), getenv, abs,
# labs, srand/rand, ctype.  Prints "name value [end offset]" lines.

    .section    .rodata
fmt:
    .string     "%s %ld\n"
fmt2:
    .string     "%s %ld end=%ld\n"
fmt_s:
    .string     "%s [%s]\n"
fmt_x:
    .string     "%s %lx\n"
n1: .string     "atoi"
n2: .string     "atoi-wrap"
n3: .string     "atol"
n4: .string     "strtol-0x"
n5: .string     "strtol-octal"
n6: .string     "strtol-plus"
n7: .string     "strtol-36"
n8: .string     "strtol-none"
n9: .string     "strtol-0x-only"
n10:
    .string     "strtol-neg-hex"
n11:
    .string     "strtol-bin"
n12:
    .string     "getenv"
n13:
    .string     "getenv-prefix"
n14:
    .string     "getenv-missing"
n15:
    .string     "abs"
n16:
    .string     "labs"
n17:
    .string     "rand"
n18:
    .string     "ctype"
n19:
    .string     "toupper"
n20:
    .string     "tolower"
v1: .string     "  -123abc"
v2: .string     "2147483648"
v3: .string     "9000000000"
v4: .string     "0x1Fg"
v5: .string     "0755"
v6: .string     "  +42xyz"
v7: .string     "zz"
v8: .string     "abc"
v9: .string     "0x"
v10:
    .string     "-0x10"
v11:
    .string     "1010"
n21:
    .string     "strtoul-hex"
v21:
    .string     "ffffffffffffffff"
e1: .string     "GRT_TEST_VAR"
e2: .string     "GRT_TEST"
e3: .string     "GRT_NOT_SET_ANYWHERE"

    .text

# t_strtol(name, str, base): strtol with endptr, prints value and offset
    .type       t_strtol, @function
t_strtol:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     a0, a1
    mov.i64     a1, sp
    addi.i64    a1, 24                  # endptr at 24(sp)
    call        strtol
    mov.i64     a2, a0
    load.i64    a3, 24(sp)
    sub.i64     a3, a3, s1
    mov.i64     a1, s0
    la          a0, fmt2
    call        printf
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret

# t_strtoul(name, str, base): like t_strtol, the value printed as %lx
    .type       t_strtoul, @function
t_strtoul:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
    mov.i64     a0, a1
    movi.i64    a1, 0
    call        strtoul
    mov.i64     a2, a0
    mov.i64     a1, s0
    la          a0, fmt_x
    call        printf
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

    .type       report, @function
report:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt
    tail        printf

# show(name, s): s or "(null)"
    .type       show, @function
show:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt_s
    tail        printf

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    la          a0, v1
    call        atoi
    mov.i64     a1, a0
    la          a0, n1
    call        report
    la          a0, v2
    call        atoi
    mov.i64     a1, a0
    la          a0, n2
    call        report
    la          a0, v3
    call        atol
    mov.i64     a1, a0
    la          a0, n3
    call        report
    la          a0, n4
    la          a1, v4
    movi.i64    a2, 0
    call        t_strtol
    la          a0, n5
    la          a1, v5
    movi.i64    a2, 0
    call        t_strtol
    la          a0, n6
    la          a1, v6
    li          a2, 10
    call        t_strtol
    la          a0, n7
    la          a1, v7
    li          a2, 36
    call        t_strtol
    la          a0, n8
    la          a1, v8
    li          a2, 10
    call        t_strtol
    la          a0, n9
    la          a1, v9
    li          a2, 16
    call        t_strtol
    la          a0, n10
    la          a1, v10
    li          a2, 16
    call        t_strtol
    la          a0, n11
    la          a1, v11
    li          a2, 2
    call        t_strtol
    la          a0, n21
    la          a1, v21
    li          a2, 16
    call        t_strtoul
    la          a0, e1
    call        getenv
    mov.i64     a1, a0
    la          a0, n12
    call        show
    la          a0, e2
    call        getenv
    mov.i64     a1, a0
    la          a0, n13
    call        show
    la          a0, e3
    call        getenv
    mov.i64     a1, a0
    la          a0, n14
    call        show
    li          a0, -5
    call        abs
    mov.i64     a1, a0
    la          a0, n15
    call        report
    li          a0, -7000000000
    call        labs
    mov.i64     a1, a0
    la          a0, n16
    call        report
    movi.i64    a0, 1
    call        srand
    call        rand
    mov.i64     a1, a0
    la          a0, n17
    call        report
    # ctype: digit('7') + 2*space('\t') + 4*alpha('Q') + 8*digit('a')
    li          a0, '7'
    call        isdigit
    mov.i64     s0, a0
    li          a0, 9
    call        isspace
    slli.i64    a0, 1
    or.i64      s0, s0, a0
    li          a0, 'Q'
    call        isalpha
    slli.i64    a0, 2
    or.i64      s0, s0, a0
    li          a0, 'a'
    call        isdigit
    slli.i64    a0, 3
    or.i64      a1, s0, a0
    la          a0, n18
    call        report
    li          a0, 'g'
    call        toupper
    mov.i64     a1, a0
    la          a0, n19
    call        report
    li          a0, 'G'
    call        tolower
    mov.i64     a1, a0
    la          a0, n20
    call        report
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

# crt0.s - what _start hands to main: sp 64-byte aligned, argc, argv,
# envp (= argv + argc + 1, and the same as environ); main's return value
# becomes the exit status.

    .section    .rodata
fmt:
    .string     "%s %ld\n"
fmt_arg:
    .string     "argv[%ld] %s\n"
n_sp:
    .string     "sp-aligned"
n_argc:
    .string     "argc"
n_envp:
    .string     "envp-after-argv"
n_env:
    .string     "environ-is-envp"
n_null:
    .string     "argv-null-terminated"

    .text

    .type       report, @function
report:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt
    tail        printf

    .globl      main
    .type       main, @function
main:
    li          t1, 63
    and.i64     t1, t1, sp              # before the frame: the entry sp
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    movi.i64    a1, 0
    movi.i64    t2, 1
    cmov.i64    a1, t2
    la          a0, n_sp
    call        report
    la          a0, n_argc
    mov.i64     a1, s0
    call        report
    movi.i64    t1, 0
    store.i64   t1, 32(sp)
1:  load.i64    t1, 32(sp)
    cmp.ge.i64  t1, s0
    b           2f
    mov.i64     a1, t1
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    a2, 0(t1)
    la          a0, fmt_arg
    call        printf
    load.i64    t1, 32(sp)
    addi.i64    t1, 1
    store.i64   t1, 32(sp)
    j           1b
2:  mov.i64     t1, s0                  # argv[argc] == NULL
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    movi.i64    a1, 0
    movi.i64    t3, 1
    cmov.i64    a1, t3
    la          a0, n_null
    call        report
    mov.i64     t1, s0                  # envp == argv + argc + 1
    addi.i64    t1, 1
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    cmp.eq.i64  t1, s2
    movi.i64    a1, 0
    movi.i64    t3, 1
    cmov.i64    a1, t3
    la          a0, n_envp
    call        report
    la          t1, environ
    load.i64    t1, 0(t1)
    cmp.eq.i64  t1, s2
    movi.i64    a1, 0
    movi.i64    t3, 1
    cmov.i64    a1, t3
    la          a0, n_env
    call        report
    li          a0, 7
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret

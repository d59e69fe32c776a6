# args.s - print argc, every argv[i] and the value of $GLYPH_GREETING
# (through getenv, from the envp crt0 recorded).

    .section    .rodata
fmt_argc:
    .string     "argc = %d\n"
fmt_argv:
    .string     "argv[%d] = \"%s\"\n"
name:
    .string     "GLYPH_GREETING"
fmt_env:
    .string     "GLYPH_GREETING = %s\n"
unset:
    .string     "GLYPH_GREETING is not set"

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     a1, a0
    la          a0, fmt_argc
    call        printf
    movi.i64    s2, 0
1:  cmp.ge.i64  s2, s0
    b           2f
    mov.i64     t1, s2
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    a2, 0(t1)
    mov.i64     a1, s2
    la          a0, fmt_argv
    call        printf
    addi.i64    s2, 1
    j           1b
2:  la          a0, name
    call        getenv
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           3f
    mov.i64     a1, a0
    la          a0, fmt_env
    call        printf
    j           4f
3:  la          a0, unset
    call        puts
4:  movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret

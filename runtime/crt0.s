# crt0.s - process start-up (docs/abi.md "Linux user-mode programs").
#
# The loader enters _start with ib = _start.const and sp (64-byte aligned)
# pointing at argc; argv[], a 0, envp[], a 0 and the auxv follow.  _start
# records envp for getenv, calls main(argc, argv, envp) with sp still
# 64-byte aligned, and passes main's result to exit.  It never returns, so
# it saves nothing.

    .text

    .globl      _start
    .type       _start, @function
_start:
    load.i64    a0, 0(sp)               # argc
    mov.i64     a1, sp
    addi.i64    a1, 8                   # argv = sp + 8
    mov.i64     a2, a0
    slli.i64    a2, 3
    add.i64     a2, a2, a1
    addi.i64    a2, 8                   # envp = argv + 8 * (argc + 1)
    la          t1, environ
    store.i64   a2, 0(t1)
    call        main
    call        exit
1:  j           1b
    .size       _start, .-_start

# hello.s - the smallest program: a write system call and an exit system
# call, straight from main.  main calls nothing in the libc, so it works
# before anything else does (crt0 still links libgrt's exit and environ,
# but main ends the process before returning to crt0).

    .section    .rodata
msg:
    .ascii      "hello, world\n"

    .text

    .globl      main
    .type       main, @function
main:
    movi.i64    a0, 1                   # fd 1: stdout
    la          a1, msg                 # pc-relative address through the ib block
    li          a2, 13                  # length
    li          t0, 64                  # write (asm-generic number)
    syscall
    movi.i64    a0, 0                   # status 0
    li          t0, 94                  # exit_group
    syscall

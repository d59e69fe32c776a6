# hello.s - the smallest program: a write system call and an exit system
# call, straight from main.  It needs nothing from the libc (crt0 only
# calls main), so it works before anything else does.

    .section .rodata
msg:
    .ascii "hello, world\n"

    .text
    .globl main
    .type main, @function
main:
    movi.i64 a0, 1              # fd 1: stdout
    la a1, msg                  # pc-relative address through the ib block
    li a2, 13                   # length
    li t0, 64                   # write (asm-generic number)
    syscall
    movi.i64 a0, 0              # status 0
    li t0, 94                   # exit_group
    syscall

# main.s - the color-0 half of colors-vault.  main may not read the
# color-3 secret itself (policy.txt: deny read 0 -> 3), but it may call
# reveal, color-3 code that may (3 -> 3) and that may store into main's
# color-0 buffer (3 -> 0).  With the argument "peek", main also tries to
# read the secret directly and is stopped by a capability fault.

    .section    .rodata
fmt:
    .string     "revealed %ld bytes: %s\n"
peek:
    .string     "peek"
trying:
    .string     "main reads the secret itself..."

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -128
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
    mov.i64     a0, sp
    addi.i64    a0, 64
    li          a1, 64
    call        reveal
    mov.i64     a1, a0
    mov.i64     a2, sp
    addi.i64    a2, 64
    la          a0, fmt
    call        printf
    movi.i64    t1, 2
    cmp.lt.i64  s0, t1
    b           1f
    la          a0, trying
    call        puts
    movi.i64    a0, 0                   # out before the fault: a fault ends the
    call        fflush                  # program without flushing stdout
    la          t1, secret
    load.u8     a0, 0(t1)               # color 0 code reading color 3: a fault
1:  movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 128
    ret

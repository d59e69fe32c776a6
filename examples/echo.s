# echo.s - print the arguments separated by spaces, then a newline, with
# fputs and putchar (one write at the end: stdout is buffered).
# `-n` as the first argument leaves the newline out.

    .section    .rodata
dash_n:
    .string     "-n"

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0                  # s0: argc
    mov.i64     s1, a1                  # s1: argv
    movi.i64    s2, 1                   # s2: index
    movi.i64    t1, 1
    store.i64   t1, 32(sp)              # 32(sp): print the newline
    movi.i64    t1, 2
    cmp.lt.i64  s0, t1
    b           2f
    load.i64    a0, 8(s1)
    la          a1, dash_n
    call        strcmp
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           2f
    store.i64   t1, 32(sp)
    movi.i64    s2, 2
2:  mov.i64     t2, s2                  # first word printed without a space
    store.i64   t2, 40(sp)
1:  cmp.ge.i64  s2, s0
    b           3f
    load.i64    t2, 40(sp)
    cmp.eq.i64  s2, t2
    b           4f
    li          a0, ' '
    call        putchar
4:  mov.i64     t1, s2
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    a0, 0(t1)
    la          t1, stdout
    load.i64    a1, 0(t1)
    call        fputs                   # through stdout's buffer, like putchar
    addi.i64    s2, 1
    j           1b
3:  load.i64    t1, 32(sp)
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           5f
    li          a0, '\n'
    call        putchar
5:  movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret

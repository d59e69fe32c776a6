# exit.s - leaving a program: exit(n) from a nested call, abort(), and
# returning from main.  argv[1] chooses: "exit", "abort" or "return".

    .section    .rodata
s_exit:
    .string     "exit"
s_abort:
    .string     "abort"
msg:
    .string     "before %s\n"

    .text

# nested(code): a frame below main that calls exit
    .type       nested, @function
nested:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        exit
    load.i64    ra, 0(sp)               # not reached
    addi.i64    sp, 64
    ret

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    load.i64    s0, 8(a1)
    la          a0, msg
    mov.i64     a1, s0
    call        printf
    mov.i64     a0, s0
    la          a1, s_exit
    call        strcmp
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           1f
    li          a0, 42
    call        nested
1:  mov.i64     a0, s0
    la          a1, s_abort
    call        strcmp
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           2f
    movi.i64    a0, 0                   # abort does not flush stdio (as in glibc)
    call        fflush
    call        abort
2:  li          a0, 3
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

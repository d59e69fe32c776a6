# stackargs.s - calls with more than eight arguments, laid out as the
# frame of docs/abi.md says: the outgoing-argument area at the bottom of
# the caller's frame, the saved registers above it.  `outer` receives
# twelve arguments (four on the stack), calls `inner` with ten (two of
# its own stack arguments) and `printf` with twelve, then checks that its
# incoming stack arguments, its saved ra and s-registers survived.  Then
# main calls `inner` again through a function pointer (__grt_icall),
# stack arguments included.  stackargs.sh checks the output.

    .section    .rodata
fmt_in:
    .string     "inner %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld\n"
fmt_pf:
    .string     "printf %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld\n"
fmt_out:
    .string     "outer %ld\n"
fmt_ic:
    .string     "icall %ld\n"

    .data
    .balign     8
inner_ptr:
    .quad       inner, inner.const      # a function pointer to inner

    .text

# long inner(a1..a10): prints its arguments, returns sum k * ak
    .type       inner, @function
inner:
    addi.i64    sp, -128
    store.i64   ra, 64(sp)              # saves above the outgoing area (0..23)
    store.i64   s0, 72(sp)
    load.i64    t1, 128(sp)             # the 9th and 10th arguments, as they came
    load.i64    t2, 136(sp)
    # weighted sum: s0 = 1*a0 + 2*a1 + ... + 10*a10
    mov.i64     s0, a0
    add.i64     t3, a1, a1
    add.i64     s0, s0, t3
    li          t4, 3
    mul.i64     t3, a2, t4
    add.i64     s0, s0, t3
    li          t4, 4
    mul.i64     t3, a3, t4
    add.i64     s0, s0, t3
    li          t4, 5
    mul.i64     t3, a4, t4
    add.i64     s0, s0, t3
    li          t4, 6
    mul.i64     t3, a5, t4
    add.i64     s0, s0, t3
    li          t4, 7
    mul.i64     t3, a6, t4
    add.i64     s0, s0, t3
    li          t4, 8
    mul.i64     t3, a7, t4
    add.i64     s0, s0, t3
    li          t4, 9
    mul.i64     t3, t1, t4
    add.i64     s0, s0, t3
    li          t4, 10
    mul.i64     t3, t2, t4
    add.i64     s0, s0, t3
    # printf(fmt, a0..a7, a8, a9): two stack arguments of printf's own
    store.i64   t1, 8(sp)               # printf's 10th argument: inner's 9th
    store.i64   t2, 16(sp)              # printf's 11th: inner's 10th
    store.i64   a7, 0(sp)               # printf's 9th: inner's 8th
    mov.i64     a7, a6
    mov.i64     a6, a5
    mov.i64     a5, a4
    mov.i64     a4, a3
    mov.i64     a3, a2
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt_in
    call        printf
    mov.i64     a0, s0
    load.i64    ra, 64(sp)
    load.i64    s0, 72(sp)
    addi.i64    sp, 128
    ret
    .size       inner, .-inner

# long outer(a1..a12): calls inner(a1..a10) and printf with 12 arguments;
# returns inner's result + 11 * a11 + 12 * a12
    .type       outer, @function
outer:
    addi.i64    sp, -192
    store.i64   ra, 64(sp)              # outgoing area 0..31, saves from 64 up
    store.i64   s0, 72(sp)
    store.i64   s1, 80(sp)
    store.i64   s3, 88(sp)
    li          s1, 0x5151
    li          s3, 0x3333
    # inner(1..10): the 9th and 10th of ours are at 192 and 200
    load.i64    t1, 192(sp)
    store.i64   t1, 0(sp)
    load.i64    t1, 200(sp)
    store.i64   t1, 8(sp)
    call        inner
    mov.i64     s0, a0
    # printf(fmt, 1..11): arguments 9..12 of printf on our stack area
    li          t1, 8
    store.i64   t1, 0(sp)
    li          t1, 9
    store.i64   t1, 8(sp)
    li          t1, 10
    store.i64   t1, 16(sp)
    li          t1, 11
    store.i64   t1, 24(sp)
    la          a0, fmt_pf
    li          a1, 1
    li          a2, 2
    li          a3, 3
    li          a4, 4
    li          a5, 5
    li          a6, 6
    li          a7, 7
    call        printf
    # our own incoming 11th and 12th arguments are still in place
    load.i64    t1, 208(sp)
    li          t2, 11
    mul.i64     t1, t1, t2
    add.i64     s0, s0, t1
    load.i64    t1, 216(sp)
    li          t2, 12
    mul.i64     t1, t1, t2
    add.i64     s0, s0, t1
    li          t1, 0x5151              # callees kept our s-registers
    cmp.ne.i64  s1, t1
    b           1f
    li          t1, 0x3333
    cmp.ne.i64  s3, t1
    b           1f
    mov.i64     a0, s0
    j           2f
1:  li          a0, -1
2:  load.i64    ra, 64(sp)
    load.i64    s0, 72(sp)
    load.i64    s1, 80(sp)
    load.i64    s3, 88(sp)
    addi.i64    sp, 192
    ret
    .size       outer, .-outer

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -128
    store.i64   ra, 64(sp)              # outgoing area 0..31 for outer's 9th..12th
    store.i64   s0, 72(sp)
    li          t1, 9
    store.i64   t1, 0(sp)
    li          t1, 10
    store.i64   t1, 8(sp)
    li          t1, 11
    store.i64   t1, 16(sp)
    li          t1, 12
    store.i64   t1, 24(sp)
    li          a0, 1
    li          a1, 2
    li          a2, 3
    li          a3, 4
    li          a4, 5
    li          a5, 6
    li          a6, 7
    li          a7, 8
    call        outer
    mov.i64     s0, a0
    mov.i64     a1, a0
    la          a0, fmt_out
    call        printf
    # inner(1..10) through a function pointer: __grt_icall keeps no frame,
    # so the 9th and 10th arrive at inner's 0(sp) and 8(sp) too
    li          t1, 9
    store.i64   t1, 0(sp)
    li          t1, 10
    store.i64   t1, 8(sp)
    li          a0, 1
    li          a1, 2
    li          a2, 3
    li          a3, 4
    li          a4, 5
    li          a5, 6
    li          a6, 7
    li          a7, 8
    la          t1, inner_ptr
    call        __grt_icall
    mov.i64     a1, a0
    la          a0, fmt_ic
    call        printf
    li          a0, 650                 # sum k*k for k = 1..12
    cmp.ne.i64  s0, a0
    movi.i64    a0, 0
    b           1f
    j           2f
1:  movi.i64    a0, 1
2:  load.i64    ra, 64(sp)              # main returns through the ra it saved
    load.i64    s0, 72(sp)
    addi.i64    sp, 128
    ret
    .size       main, .-main

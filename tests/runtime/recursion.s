# recursion.s - call/ret link vectors through a deep chain: sum(n) =
# n + sum(n - 1) recurses 100000 frames (6.4 MB of the 8 MiB stack)
# before the first return, and even(n)/odd(n) call each other, so every
# return restores the caller's ib (two blocks) at every depth.  Each
# function keeps a big constant in its own block and checks it after its
# call returns, which fails if ib came back wrong.  argv[1] sets n.

    .section    .rodata
fmt:
    .string     "sum %ld even %ld odd %ld\n"

    .text

# long sum(long n): 0 for n <= 0, else n + sum(n - 1)
    .globl      sum
    .type       sum, @function
sum:
    movi.i64    t1, 0
    cmp.ge.i64  t1, a0
    b           1f
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
    addi.i64    a0, -1
    call        sum
    add.i64     a0, a0, s0
    li          t1, 0x7ff000007ff       # from the block: right only with the right ib
    li          t2, 2047                # the same value without the block
    slli.i64    t2, 32
    addi.i64    t2, 2047
    sub.i64     t1, t1, t2
    add.i64     a0, a0, t1              # no change while ib is right
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
1:  movi.i64    a0, 0
    ret
    .size       sum, .-sum

# long even(long n): 1 when n is even (n >= 0), through odd(n - 1)
    .globl      even
    .type       even, @function
even:
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           1f
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    addi.i64    a0, -1
    call        odd
    li          t1, 0x7fe000007fe       # from the block: right only with the right ib
    li          t2, 2046                # the same value without the block
    slli.i64    t2, 32
    addi.i64    t2, 2046
    sub.i64     t1, t1, t2
    add.i64     a0, a0, t1              # no change while ib is right
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
1:  movi.i64    a0, 1
    ret
    .size       even, .-even

# long odd(long n): 1 when n is odd, through even(n - 1)
    .globl      odd
    .type       odd, @function
odd:
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           1f
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    addi.i64    a0, -1
    call        even
    li          t1, 0x7fd000007fd       # from the block: right only with the right ib
    li          t2, 2045                # the same value without the block
    slli.i64    t2, 32
    addi.i64    t2, 2045
    sub.i64     t1, t1, t2
    add.i64     a0, a0, t1              # no change while ib is right
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
1:  movi.i64    a0, 0
    ret
    .size       odd, .-odd

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    li          s0, 100000
    movi.i64    t1, 2
    cmp.lt.i64  a0, t1
    b           1f
    load.i64    a0, 8(a1)
    call        atol
    mov.i64     s0, a0
1:  mov.i64     a0, s0
    call        sum
    mov.i64     s1, a0
    mov.i64     a0, s0
    call        even
    mov.i64     s2, a0
    mov.i64     a0, s0
    call        odd
    mov.i64     a3, a0
    mov.i64     a2, s2
    mov.i64     a1, s1
    la          a0, fmt
    call        printf
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main

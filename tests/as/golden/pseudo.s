    .text

    .globl      f
    .type       f, @function
f:
    li          a0, 31
    li          a0, -32
    li          a0, 32
    li          a1, 2047
    li          a1, -2048
    li          a1, 2048
    li          t0, 2048
    li          t0, -2147483648
    li          t0, 0x80000000
    li          t0, 0x80000000
    li          s3, 7
    li          a0, ext + 16
    la          a0, msg
    la          a1, f
    call        g
    call        ext
    ret
    ret         f
    tail        ext
    cmp.gt.i64  a0, a1
    cmp.le.i64  a0, a1
    cmp.gtu.i64 a0, a1
    cmp.leu.i64 a0, a1
    compare.i64 a0, a1, ne
    compare.i64 a0, a1, 6
    logic.i64   a0, a1, ctpop
    link.i64    3, ib64(1)
    nop
    movq.i64    a0, ib64(3)
    jal.i64     ra, ib64(0)
    j.i64       ib64(2)

    .globl      g
g:
    j           1f
    nop
1:  b           1b
    j           f
    ret
    .rodata
msg:
    .string     "hi"

# loop.s - ALU and memory loop for the glyph-run benchmark (_mkexe text):
# 100 M iterations of 9 instructions (add, xor, store, load, mul, shift,
# addi, compare, branch).
.text
_start:
    movq.i64 s0, ib64(0)
    movi.i64 a0, 0
    movi.i64 a1, 1
    movi.i64 s1, 0
loop:
    add.i64 a0, a0, a1
    xor.i64 a1, a1, a0
    store.i64 a0, 8(sp)
    load.i64 t0, 8(sp)
    mul.i64 a1, a1, t0
    srli.i64 a1, 3
    addi.i64 s0, -1
    cmp.ne.i64 s0, s1
    b loop
    movi.i64 a0, 0
    movi.i64.w t0, 93
    syscall
.const
    .quad 100000000

# bytes.s - byte-copy and checksum loop (sized loads/stores, 32-bit
# encodings, wide registers): 64 passes over a 1 MiB buffer.
.text
_start:
    lea.i64 s0, ib32(0)(pc)      # src
l1: lea.i64 s1, ib32(1)(pc)      # dst
    movq.i64 s2, ib64(1)         # passes
    movi.i64 r40, 0              # checksum
    movi.i64 t0, 0
pass:
    movq.i64 r41, ib64(2)        # bytes per pass
    mov.i64 a0, s0
    mov.i64 a1, s1
copy:
    load.u8 r42, 0(a0)
    add.i64 r42, r42, r41
    store.i8 r42, 0(a1)
    add.i64 r40, r40, r42
    addi.i64 a0, 1
    addi.i64 a1, 1
    addi.i64.w r41, -1
    cmp.ne.i64.w r41, t0
    b copy
    addi.i64 s2, -1
    cmp.ne.i64 s2, t0
    b pass
    movi.i64 a0, 0
    movi.i64.w t0, 93
    syscall
.const
    .long buf - _start
    .long buf + 1048576 - l1
    .quad 64
    .quad 1048576
.seg bss rw
buf:
    .bss 2097152

# setjmp.s - non-local jumps (docs/runtime.md, "Non-local jumps").
#
# jmp_buf / sigjmp_buf: 40 quads (320 bytes):
#   [0] sp  [1..3] s0..s2 (r1..r3)  [4..35] s3..s34 (r32..r63)
#   [36] return pc  [37] return ib  (absolute: where setjmp returns to)
#   [38] 1 when the signal mask was saved  [39] the mask
# setjmp finds its return point from the link vector: its caller C left
# ra = (setjmp - C, setjmp.const - Cib), and `ret` goes to (C + 2, Cib).
# longjmp jumps there with the __grt_icall construction (icall.s).

    .include    "sysnum.inc"

    .data
    .balign     8
.Lsj_ib:
    .quad       setjmp.const
.Lssj_ib:
    .quad       sigsetjmp.const
.Llj_ib:
    .quad       longjmp.const

    .text

# save_regs ENV: the callee-saved registers into ENV[0..35]
    .macro      save_regs env
    store.i64   sp, 0(\env)
    store.i64   r1, 8(\env)
    store.i64   r2, 16(\env)
    store.i64   r3, 24(\env)
    store.i64   r32, 32(\env)
    store.i64   r33, 40(\env)
    store.i64   r34, 48(\env)
    store.i64   r35, 56(\env)
    store.i64   r36, 64(\env)
    store.i64   r37, 72(\env)
    store.i64   r38, 80(\env)
    store.i64   r39, 88(\env)
    store.i64   r40, 96(\env)
    store.i64   r41, 104(\env)
    store.i64   r42, 112(\env)
    store.i64   r43, 120(\env)
    store.i64   r44, 128(\env)
    store.i64   r45, 136(\env)
    store.i64   r46, 144(\env)
    store.i64   r47, 152(\env)
    store.i64   r48, 160(\env)
    store.i64   r49, 168(\env)
    store.i64   r50, 176(\env)
    store.i64   r51, 184(\env)
    store.i64   r52, 192(\env)
    store.i64   r53, 200(\env)
    store.i64   r54, 208(\env)
    store.i64   r55, 216(\env)
    store.i64   r56, 224(\env)
    store.i64   r57, 232(\env)
    store.i64   r58, 240(\env)
    store.i64   r59, 248(\env)
    store.i64   r60, 256(\env)
    store.i64   r61, 264(\env)
    store.i64   r62, 272(\env)
    store.i64   r63, 280(\env)
    .endm

# ret_point ENV, FN, IBSYM: ENV[36], ENV[37] = FN's return (pc, ib)
    .macro      ret_point env, fn, ibsym
    la          t1, \fn
    mov.i64     t2, ra
    slli.i64    t2, 32
    srai.i64    t2, 32                  # pc lane, sign-extended: fn - C
    sub.i64     t1, t1, t2
    addi.i64    t1, 2                   # C + 2
    store.i64   t1, 288(\env)
    la          t1, \ibsym
    load.i64    t1, 0(t1)               # our own block
    mov.i64     t2, ra
    srai.i64    t2, 32                  # ib lane: fn.const - Cib
    sub.i64     t1, t1, t2
    store.i64   t1, 296(\env)
    .endm

# int setjmp(jmp_buf env): 0 now, longjmp's value later.  The signal
# mask is not saved (as glibc's setjmp).
    .globl      setjmp
    .type       setjmp, @function
setjmp:
    save_regs   a0
    ret_point   a0, setjmp, .Lsj_ib
    movi.i64    t1, 0
    store.i64   t1, 304(a0)
    movi.i64    a0, 0
    ret
    .size       setjmp, .-setjmp

# int sigsetjmp(sigjmp_buf env, int savemask): setjmp that also saves the
# signal mask when savemask is non-zero (siglongjmp restores it).
    .globl      sigsetjmp
    .type       sigsetjmp, @function
sigsetjmp:
    save_regs   a0
    ret_point   a0, sigsetjmp, .Lssj_ib
    store.i64   a1, 304(a0)
    movi.i64    t1, 0
    cmp.eq.i64  a1, t1
    b           1f
    mov.i64     t3, a0
    movi.i64    a0, 0                   # SIG_BLOCK with no set: read the mask
    movi.i64    a1, 0
    mov.i64     a2, t3
    addi.i64    a2, 312
    li          a3, 8
    li          t0, .LSYS_rt_sigprocmask
    syscall
1:  movi.i64    a0, 0
    ret
    .size       sigsetjmp, .-sigsetjmp

# void longjmp(jmp_buf env, int val) and siglongjmp: back to where
# setjmp returned, which now returns val (1 if val is 0).
    .globl      longjmp
    .type       longjmp, @function
    .globl      siglongjmp
    .type       siglongjmp, @function
siglongjmp:

longjmp:
    li          t5, 0x100000000         # our first constant: ib64(0) = lanes (0, 1)
    mov.i64     t10, a0
    mov.i64     t11, a1
    load.i64    t1, 304(t10)
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           1f
    movi.i64    a0, 2                   # SIG_SETMASK
    mov.i64     a1, t10
    addi.i64    a1, 312
    movi.i64    a2, 0
    li          a3, 8
    li          t0, .LSYS_rt_sigprocmask
    syscall
1:  load.i64    r1, 8(t10)
    load.i64    r2, 16(t10)
    load.i64    r3, 24(t10)
    load.i64    r32, 32(t10)
    load.i64    r33, 40(t10)
    load.i64    r34, 48(t10)
    load.i64    r35, 56(t10)
    load.i64    r36, 64(t10)
    load.i64    r37, 72(t10)
    load.i64    r38, 80(t10)
    load.i64    r39, 88(t10)
    load.i64    r40, 96(t10)
    load.i64    r41, 104(t10)
    load.i64    r42, 112(t10)
    load.i64    r43, 120(t10)
    load.i64    r44, 128(t10)
    load.i64    r45, 136(t10)
    load.i64    r46, 144(t10)
    load.i64    r47, 152(t10)
    load.i64    r48, 160(t10)
    load.i64    r49, 168(t10)
    load.i64    r50, 176(t10)
    load.i64    r51, 184(t10)
    load.i64    r52, 192(t10)
    load.i64    r53, 200(t10)
    load.i64    r54, 208(t10)
    load.i64    r55, 216(t10)
    load.i64    r56, 224(t10)
    load.i64    r57, 232(t10)
    load.i64    r58, 240(t10)
    load.i64    r59, 248(t10)
    load.i64    r60, 256(t10)
    load.i64    r61, 264(t10)
    load.i64    r62, 272(t10)
    load.i64    r63, 280(t10)
    load.i64    sp, 0(t10)
    mov.i64     a0, t11
    movi.i64    t2, 0
    cmp.ne.i64  a0, t2
    b           2f
    movi.i64    a0, 1
    # ra = (P - T, Pib - ib) - (0, 1); jala.i64 ra, ib64(0) at T lands on (P, Pib)
2:  load.i64    t1, 288(t10)            # P
    load.i64    t2, 296(t10)            # Pib
    la          t6, 3f                  # T
    la          t3, .Llj_ib
    load.i64    t3, 0(t3)               # our block
    sub.i64     t4, t1, t6
    sub.i64     t3, t2, t3
    addi.i64    t3, -1
    slli.i64    t3, 32
    slli.i64    t4, 32
    srli.i64    t4, 32
    or.i64      ra, t3, t4
3:  jala.i64    ra, ib64(0)
    .size       longjmp, .-longjmp

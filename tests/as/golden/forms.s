# one instruction per operand syntax and length (encodings from lib)
    break       5
    break.w     300
    illegal     7
    syscall
    iret
    wfi
    fence
    ibj         128
    ibj.w       -8192
    j.i64       ib64(3)
    j.i64       ra, ib64(3)
    jal.i64     t0, ib64(1)
    jtl.i64.w   ra, ib64(100)
    jala.i64    ra, ib64(2)
    movd.i64    a0, ib32(3)
    movq.i64.w  t5, ib64(63)
    sysread     a0, colorread
    syswrite    t1, tepc
    sysset      a1, 0x11
    sysclear    a1, tcontrol
    movi.i64    a0, -3
    addi.i64.w  s3, -2048
    srli.i64    a0, 63
    srai.i64    a1, 1
    slli.i64.w  r40, 7
    addd.i64    a0, ib32(2)
    lea.i64     a0, ib32(2)(pc)
    load.i64    a0, ib32(63)(pc)
    store.i64.w a0, ib32(64)(pc)
    load.i64    s0, 56(sp)
    load.i64    s0, 64(sp)
    load.i64    s0, -8(sp)
    store.i64   s0, 16(sp)
    load.i8     a0, 63(a1)
    load.u8.x   a0, -4000(sp)
    load.i16    a0, 126(a1)
    load.u16    a0, 2(a1)
    load.i32    a0, 252(a1)
    load.u32    t3, (a1)
    store.i8    a0, 1(a1)
    store.i16.x a0, -2(a1)
    store.i32   a0, 4(a1)
    cmp.lt.i64  a0, a1
    cmp.ge.i64  a0, a1
    cmp.eq.i64  a0, a1
    cmp.ne.i64.w a0, a1
    cmp.ltu.i64 r9, a1
    cmp.geu.i64 a0, a1
    cmov.i64    a0, a1
    ncmov.i64   a0, a1
    mov.i64     a0, a1
    not.i64     a0, a1
    neg.i64     a0, a1
    bswap.i64   a0, a1
    ctz.i64     a0, a1
    clz.i64     a0, a1
    ctpop.i64   a0, a1
    sext.i64    a0, a1
    pin.i64     a0, a1, t0
    cas.i64     a0, a1, (s0)
    swap.i64    a0, a1, (s0)
    and.i64     a0, a1, t0
    or.i64      a0, a1, t0
    xor.i64     a0, a1, t0
    add.i64     a0, a1, t0
    adc.i64     a0, a1, t0
    srl.i64     a0, a1, t0
    sra.i64     a0, a1, t0
    sll.i64     a0, a1, t0
    sub.i64     a0, a1, t0
    sbc.i64     a0, a1, t0
    mul.i64     a0, a1, t0
    mulh.i64    a0, a1, t0
    mulhu.i64   a0, a1, t0
    div.i64     a0, a1, t0
    divu.i64    a0, a1, t0
    rem.i64     a0, a1, t0
    remu.i64    a0, a1, t0
    nop
    or.i64.w    sp, sp, sp
    j           .+0
    b.w         .-4
    j.n         .+510

# insn.sh - every opcode, one small program per behaviour, registers
# checked through --dump-regs against values worked out by hand from the
# spec and docs/isa.md (16-bit set, widened forms, extension).
# Layout: .text at 0x10000, .const at 0x11000, a third segment at 0x12000.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# --- immediates and constants ---
regcase movi '    movi.i64 a0, -3
    movi.i64 a1, 31' '' r4=0xfffffffffffffffd r5=0x1f
regcase movi_w '    movi.i64.w s3, -2048
    movi.i64.w r33, 2047' '' r32=0xfffffffffffff800 r33=0x7ff
regcase movd '    movd.i64 a0, ib32(0)
    movd.i64 a1, ib32(1)' '    .long -5
    .long 0x7fffffff' r4=0xfffffffffffffffb r5=0x7fffffff
regcase movq '    movq.i64 a0, ib64(1)' '    .quad 1
    .quad 0x123456789abcdef0' r4=0x123456789abcdef0
regcase addi_carry '    movi.i64 a0, -1
    addi.i64 a0, 1' '' r4=0 flag=1
regcase addi_nocarry '    movi.i64 a0, 3
    addi.i64 a0, 4' '' r4=7 flag=0
regcase addi_negative '    movi.i64 a0, 5
    addi.i64 a0, -3' '' r4=2 flag=1
regcase addd '    movi.i64 a0, -1
    addd.i64 a0, ib32(0)' '    .long 2' r4=1 flag=1
regcase addd_negative '    movi.i64 a1, 3
    addd.i64 a1, ib32(1)' '    .long 0
    .long -10' r5=0xfffffffffffffff9 flag=0
regcase shift_imm '    movq.i64 a0, ib64(0)
    srli.i64 a0, 63
    movq.i64 a1, ib64(0)
    srai.i64 a1, 63
    movi.i64 s0, 1
    slli.i64 s0, 63
    movq.i64 s1, ib64(0)
    srai.i64 s1, 0
    movq.i64 s2, ib64(0)
    srli.i64 s2, 4' '    .quad 0x8000000000000000' \
    r4=1 r5=0xffffffffffffffff r1=0x8000000000000000 r2=0x8000000000000000 r3=0x0800000000000000
regcase lea '    lea.i64 a0, ib32(0)(pc)
    lea.i64 a1, ib32(1)(pc)' '    .long 0x100
    .long -2' r4=0x10100 r5=0x10000
regcase loadpc_storepc '    movq.i64 a0, ib64(0)
st: store.i64 a0, ib32(2)(pc)
ld: load.i64 a1, ib32(3)(pc)' '    .quad 0x1122334455667788
    .long slot - st
    .long slot - ld
.data
slot: .quad 0' r5=0x1122334455667788

# --- loads and stores through a base register ---
regcase load_store '    movq.i64 a0, ib64(0)
    store.i64 a0, 16(sp)
    load.i64 a1, 16(sp)
    store.i64.x a0, -8(sp)
    load.i64.x s3, -8(sp)
    load.i64.w s4, 16(sp)' '    .quad 0x0102030405060708' r5=0x0102030405060708 r32=0x0102030405060708 r33=0x0102030405060708

# --- compare and conditional moves ---
regcase cmp_lt '    movi.i64 a0, -1
    movi.i64 a1, 1
    cmp.lt.i64 a0, a1' '' flag=1
regcase cmp_ltu '    movi.i64 a0, -1
    movi.i64 a1, 1
    cmp.ltu.i64 a0, a1' '' flag=0
regcase cmp_ge '    movi.i64 a0, -1
    movi.i64 a1, 1
    cmp.ge.i64 a0, a1' '' flag=0
regcase cmp_ge_equal '    movi.i64 a0, -1
    cmp.ge.i64 a0, a0' '' flag=1
regcase cmp_geu '    movi.i64 a0, -1
    movi.i64 a1, 1
    cmp.geu.i64 a0, a1' '' flag=1
regcase cmp_eq '    movi.i64 a0, -1
    movi.i64 a1, 1
    cmp.eq.i64 a0, a1' '' flag=0
regcase cmp_eq_same '    movi.i64 a0, 7
    movi.i64 a1, 7
    cmp.eq.i64 a0, a1' '' flag=1
regcase cmp_ne '    movi.i64 a0, -1
    movi.i64 a1, 1
    cmp.ne.i64 a0, a1' '' flag=1
regcase cmov '    movi.i64 a0, -1
    movi.i64 a1, 1
    movi.i64 s0, 5
    movi.i64 s1, 7
    cmp.lt.i64 a0, a1
    cmov.i64 s0, a1
    ncmov.i64 s1, a1
    cmp.ltu.i64 a0, a1
    movi.i64 s2, 3
    cmov.i64 s2, a1
    ncmov.i64 a1, a0' '' r1=1 r2=7 r3=3 r5=0xffffffffffffffff flag=0

# --- one-operand logic ---
regcase logic '    movq.i64 a0, ib64(0)
    mov.i64 a1, a0
    not.i64 s0, a0
    neg.i64 s1, a0
    bswap.i64 s2, a0
    sext.i64 t0, a0' '    .quad 0x0102030405060708' \
    r5=0x0102030405060708 r1=0xfefdfcfbfaf9f8f7 r2=0xfefdfcfbfaf9f8f8 r3=0x0807060504030201 r6=0x0102030405060708
regcase ctz_clz_ctpop '    movi.i64 t0, 0
    ctz.i64 a0, t0
    clz.i64 a1, t0
    ctpop.i64 r40, t0
    movi.i64 t0, 8
    ctz.i64 s0, t0
    clz.i64 s1, t0
    movi.i64 t0, -1
    ctpop.i64 s2, t0
    ctz.i64 r41, t0
    clz.i64 r42, t0' '' r4=0x40 r5=0x40 r40=0 r1=3 r2=0x3c r3=0x40 r41=0 r42=0

# --- three-register arithmetic ---
regcase pin '    movq.i64 s0, ib64(0)
    movq.i64 a1, ib64(1)
    pin.i64 a0, a1, s0' '    .quad 0x10010
    .quad 0x10f80' r4=0x00000080fffffff4
regcase and_or_xor '    movi.i64 a0, 12
    movi.i64 a1, 10
    and.i64 s0, a0, a1
    or.i64 s1, a0, a1
    xor.i64 s2, a0, a1' '' r1=8 r2=0xe r3=6
regcase add_carry '    movi.i64 a0, -1
    movi.i64 a1, 2
    add.i64 s0, a0, a1' '' r1=1 flag=1
regcase add_nocarry '    movi.i64 a0, -1
    movi.i64 a1, 0
    add.i64 s0, a0, a1' '' r1=0xffffffffffffffff flag=0
regcase sub_borrow '    movi.i64 a0, 3
    movi.i64 a1, 5
    sub.i64 s0, a0, a1' '' r1=0xfffffffffffffffe flag=0
regcase sub_noborrow '    movi.i64 a0, 3
    movi.i64 a1, 5
    sub.i64 s0, a1, a0' '' r1=2 flag=1
regcase sub_equal '    movi.i64 a0, 3
    sub.i64 s0, a0, a0' '' r1=0 flag=1
regcase shift_reg '    movq.i64 a0, ib64(0)
    movi.i64.w t0, 64
    srl.i64 s0, a0, t0
    movi.i64.w t0, 65
    srl.i64 s1, a0, t0
    sra.i64 s2, a0, t0
    movi.i64 a1, 1
    movi.i64.w t0, 64
    sll.i64 r40, a1, t0
    movi.i64.w t0, 127
    sll.i64 r41, a1, t0
    movi.i64 t0, -1
    srl.i64 r42, a0, t0' '    .quad 0x8000000000000000' \
    r1=0x8000000000000000 r2=0x4000000000000000 r3=0xc000000000000000 r40=1 r41=0x8000000000000000 r42=1
regcase mul '    movi.i64 a0, -3
    movi.i64 a1, 7
    mul.i64 s0, a0, a1
    movq.i64 t0, ib64(0)
    mul.i64 s1, t0, t0' '    .quad 0x100000000' r1=0xffffffffffffffeb r2=0
regcase div '    movi.i64 a0, -7
    movi.i64 a1, 2
    div.i64 s0, a0, a1' '' r1=0xfffffffffffffffd flag=0
regcase div_by_zero '    movi.i64 a0, -7
    movi.i64 a1, 0
    movi.i64 s0, 5
    div.i64 s0, a0, a1' '' r1=0 flag=1
regcase div_min_by_minus1 '    movq.i64 a0, ib64(0)
    movi.i64 a1, -1
    div.i64 s0, a0, a1' '    .quad 0x8000000000000000' r1=0x8000000000000000 flag=0
regcase div_by_minus1 '    movi.i64 a0, 7
    movi.i64 a1, -1
    div.i64 s0, a0, a1
    rem.i64 s1, a0, a1' '' r1=0xfffffffffffffff9 r2=0 flag=0
# the divide family writes flag (0 here) even when it was 1 before
regcase div_clears_flag '    movi.i64 a0, 7
    movi.i64 a1, 2
    cmp.eq.i64 a0, a0
    div.i64 s0, a0, a1
    mov.i64 r40, a0
    cmp.eq.i64 a0, a0
    divu.i64 s1, a0, a1
    cmp.eq.i64 a0, a0
    rem.i64 s2, a0, a1
    ncmov.i64 r40, a1
    cmp.eq.i64 a0, a0
    remu.i64 s3, a0, a1' '' r1=3 r2=3 r3=1 r32=1 r40=2 flag=0
regcase nop '    movi.i64 a0, 5
    cmp.eq.i64 a0, a0
    nop' '' r4=5 flag=1 pc=0x10006

# --- control flow ---
regcase j_forward '    movi.i64 a0, 1
    j .+4
    movi.i64 a0, 5' '' r4=1 pc=0x10006
regcase j_label '    movi.i64 a0, 1
    j over
    movi.i64 a0, 5
    movi.i64 a0, 6
over: addi.i64 a0, 1' '' r4=2
regcase b_taken '    movi.i64 a0, 0
    movi.i64 a1, 1
    cmp.lt.i64 a0, a1
    b .+4
    movi.i64 a0, 9' '' r4=0
regcase b_not_taken '    movi.i64 a0, 0
    movi.i64 a1, 1
    cmp.lt.i64 a1, a0
    b .+4
    movi.i64 a0, 9' '' r4=9
regcase b_loop '    movi.i64 a0, 0
    movi.i64 a1, 5
loop: addi.i64 a0, 1
    cmp.ne.i64 a0, a1
    b loop' '' r4=5 flag=0
regcase ibj '    ibj 64
    movd.i64 a0, ib32(0)' '    .long 1
    .align 64
    .long 2' r4=2 ib=0x11040
regcase ibj_back '    ibj 64
    ibj -64
    movd.i64 a0, ib32(0)' '    .long 1
    .align 64
    .long 2' r4=1 ib=0x11000
# call and return in one immediate block: ra = (f - c1, 0); return to c1+2
regcase link_call_return '    movi.i64 a0, 0
c1: jal.i64 ra, ib64(0)
    addi.i64 a0, 1
    break 0
f:  movi.i64 a0, 10
r1: jtl.i64 ra, ib64(1)' '    .lanes f - c1, 0
    .lanes f - r1 + 2, 0' r4=0xb r7=0x6 pc=0x10006 ib=0x11000
# call into another block: ib follows the high lane, the return restores it
regcase link_call_block '    movi.i64 a0, 0
c1: jal.i64 ra, ib64(0)
    addi.i64 a0, 1
    break 0
f:  movd.i64 a0, ib32(0)
r1: jtl.i64 ra, ib64(1)' '    .lanes f - c1, fconst - 0x11000
    .align 64
fconst: .long 20
    .long 0
    .lanes f - r1 + 2, 0' r4=0x15 r7=0x0000004000000006 pc=0x10006 ib=0x11000
regcase link_call_t0 '    movi.i64 a0, 0
c1: jal.i64 t0, ib64(0)
    addi.i64 a0, 1
    break 0
f:  movi.i64 a0, 10
r1: jtl.i64 t0, ib64(1)' '    .lanes f - c1, 0
    .lanes f - r1 + 2, 0' r4=0xb r6=0x6 r7=0 pc=0x10006
regcase link_jump '    movi.i64 a0, 0
j1: j.i64 ib64(0)
    movi.i64 a0, 9
    movi.i64 a0, 9
there: movd.i64 a1, ib32(0)' '    .lanes there - j1, 64
    .align 64
    .long 33' r4=0 r5=0x21 r6=0 r7=0 ib=0x11040
regcase link_jump_ra '    movi.i64 a0, 0
j1: j.i64 ra, ib64(0)
    movi.i64 a0, 9
there: movi.i64 a1, 3' '    .lanes there - j1, 0' r4=0 r5=3 r7=0
# jala: d = lr + cvec lane-wise; (pc, ib) += d; lr = d
regcase link_jala '    movq.i64 ra, ib64(1)
    jala.i64 ra, ib64(0)
    movi.i64 a0, 9
    movi.i64 a0, 9
    movi.i64 a0, 9' '    .lanes 4, 64
    .quad 4' r4=0 r7=0x0000004000000008 pc=0x1000a ib=0x11040
# jtl subtracts the link vector lane-wise
regcase link_jtl_lanes '    movq.i64 ra, ib64(1)
    jtl.i64 ra, ib64(0)
    movi.i64 a0, 9
    movi.i64 a0, 9' '    .lanes 10, 0x40
    .lanes 4, 0' r4=0 r7=0x0000000000000004 pc=0x10008 ib=0x11040

# pin + jtl: an indirect jump to (address, block) held in registers (docs/abi.md)
regcase pin_jtl_indirect '    lea.i64 s0, ib32(0)(pc)
    movq.i64 s1, ib64(1)
p1: pin.i64 t0, s1, s0
t1: jtl.i64 t0, ib64(2)
    movi.i64 a0, 9
tgt: movd.i64 a0, ib32(0)' '    .long tgt - _start
    .long 0
    .quad 0x11040
    .lanes p1 - t1, 0
    .align 64
    .long 77' r4=0x4d ib=0x11040 pc=0x1000c

# --- extension: sized loads and stores ---
regcase load_sized '    lea.i64 s0, ib32(0)(pc)
    load.i8 a0, 0(s0)
    load.u8 a1, 0(s0)
    load.i16 s1, 0(s0)
    load.u16 s2, 0(s0)
    load.i32 s3, 0(s0)
    load.u32 s4, 0(s0)
    load.u8 s5, 7(s0)
    load.u16 s6, 6(s0)
    load.i32 s7, 4(s0)
l8: lea.i64 s8, ib32(1)(pc)
    load.u8.x s9, -1(s8)
    load.i16.x s10, -3(s8)' '    .long slot - _start
    .long slot + 8 - l8
.data
slot: .quad 0x8081828384858687' \
    r4=0xffffffffffffff87 r5=0x87 r2=0xffffffffffff8687 r3=0x8687 r32=0xffffffff84858687 \
    r33=0x84858687 r34=0x80 r35=0x8081 r36=0xffffffff80818283 r38=0x80 r39=0xffffffffffff8182
regcase store_sized '    lea.i64 s0, ib32(0)(pc)
    movq.i64 a0, ib64(1)
    store.i8 a0, 0(s0)
    store.i16 a0, 2(s0)
    store.i32 a0, 4(s0)
    load.i64 a1, 0(s0)
    store.i8.x a0, -1(s0)
    load.u8.x s1, -1(s0)' '    .long slot - _start
    .long 0
    .quad 0x1122334455667788
.data
    .quad 0
slot: .quad 0xffffffffffffffff' r5=0x556677887788ff88 r2=0x88
# every sized 64-bit (.x) form, signed byte displacements, misaligned
# slot bytes: 87 86 85 84 83 82 81 80, then 8 zero bytes at s8
regcase sized_x_forms 'l8: lea.i64 s8, ib32(0)(pc)
    load.i8.x s3, -1(s8)
    load.u16.x s4, -2(s8)
    load.i32.x s5, -4(s8)
    load.u32.x s6, -5(s8)
    movq.i64 a0, ib64(1)
    store.i16.x a0, 1(s8)
    store.i32.x a0, 3(s8)
    load.i64.x s7, 0(s8)' '    .long slot + 8 - l8
    .long 0
    .quad 0x1122334455667788
.data
slot: .quad 0x8081828384858687
    .quad 0' r32=0xffffffffffffff80 r33=0x8081 r34=0xffffffff80818283 r35=0x81828384 r36=0x0055667788778800
regcase cas_success '    lea.i64 s0, ib32(0)(pc)
    movi.i64 a0, 5
    movi.i64 a1, 9
    cas.i64 a0, a1, (s0)
    load.i64 s1, 0(s0)' '    .long slot - _start
.data
slot: .quad 5' r4=5 r2=9 flag=1
regcase cas_failure '    lea.i64 s0, ib32(0)(pc)
    movi.i64 a0, 4
    movi.i64 a1, 9
    cas.i64 a0, a1, (s0)
    load.i64 s1, 0(s0)' '    .long slot - _start
.data
slot: .quad 5' r4=5 r2=5 flag=0
regcase swap '    lea.i64 s0, ib32(0)(pc)
    movi.i64 a1, 9
    swap.i64 a0, a1, (s0)
    load.i64 s1, 0(s0)' '    .long slot - _start
.data
slot: .quad 5' r4=5 r2=9

# swap leaves flag alone; a failing cas clears it
regcase swap_keeps_flag '    lea.i64 s0, ib32(0)(pc)
    movi.i64 a1, 9
    cmp.eq.i64 a1, a1
    swap.i64 a0, a1, (s0)' '    .long slot - _start
.data
slot: .quad 5' r4=5 flag=1
regcase cas_failure_clears_flag '    lea.i64 s0, ib32(0)(pc)
    movi.i64 a0, 4
    movi.i64 a1, 9
    cmp.eq.i64 a0, a0
    cas.i64 a0, a1, (s0)' '    .long slot - _start
.data
slot: .quad 5' r4=5 flag=0

# --- extension: arithmetic ---
regcase adc_128 '    movi.i64 a0, -1
    movi.i64 a1, 1
    movi.i64 s0, 0
    add.i64 s1, a0, a1
    adc.i64 s2, s0, s0' '' r2=0 r3=1 flag=0
regcase adc_carry_out '    movi.i64 a0, -1
    movi.i64 a1, 0
    cmp.eq.i64 a0, a0
    adc.i64 s0, a0, a1' '' r1=0 flag=1
regcase adc_no_carry_in '    movi.i64 a0, 5
    movi.i64 a1, 6
    cmp.ne.i64 a0, a0
    adc.i64 s0, a0, a1' '' r1=0xb flag=0
regcase sbc_128 '    movi.i64 a0, 0
    movi.i64 a1, 1
    sub.i64 s0, a0, a1
    sbc.i64 s1, a1, a0' '' r1=0xffffffffffffffff r2=0 flag=1
regcase sbc_flag_set '    movi.i64 a0, 5
    movi.i64 a1, 3
    cmp.eq.i64 a0, a0
    sbc.i64 s0, a0, a1' '' r1=2 flag=1
regcase sbc_flag_clear '    movi.i64 a0, 5
    movi.i64 a1, 3
    cmp.ne.i64 a0, a0
    sbc.i64 s0, a0, a1' '' r1=1 flag=1
regcase sbc_borrow_out '    movi.i64 a0, 3
    cmp.ne.i64 a0, a0
    sbc.i64 s0, a0, a0' '' r1=0xffffffffffffffff flag=0
regcase mulh '    movi.i64 a0, -1
    mulh.i64 s0, a0, a0
    mulhu.i64 s1, a0, a0
    movq.i64 t0, ib64(0)
    movi.i64 a1, 2
    mulh.i64 s2, t0, a1
    mulhu.i64 s3, t0, a1' '    .quad 0x8000000000000000' r1=0 r2=0xfffffffffffffffe r3=0xffffffffffffffff r32=1
regcase divu '    movi.i64 a0, -1
    movi.i64 a1, 2
    divu.i64 s0, a0, a1' '' r1=0x7fffffffffffffff flag=0
regcase divu_by_zero '    movi.i64 a0, -1
    movi.i64 a1, 0
    divu.i64 s0, a0, a1' '' r1=0 flag=1
regcase rem '    movi.i64 a0, -7
    movi.i64 a1, 2
    rem.i64 s0, a0, a1' '' r1=0xffffffffffffffff flag=0
regcase rem_by_zero '    movi.i64 a0, -7
    movi.i64 a1, 0
    rem.i64 s0, a0, a1' '' r1=0xfffffffffffffff9 flag=1
regcase rem_min_by_minus1 '    movq.i64 a0, ib64(0)
    movi.i64 a1, -1
    rem.i64 s0, a0, a1' '    .quad 0x8000000000000000' r1=0 flag=0
regcase remu '    movi.i64 a0, -1
    movi.i64 a1, 10
    remu.i64 s0, a0, a1
    movi.i64 s1, 7
    movi.i64 s2, 0
    remu.i64 s1, s1, s2' '' r1=5 r2=7 flag=1

# --- extension: wide registers, system instructions ---
regcase wide_regs '    movi.i64.w r40, 1000
    movi.i64.w r41, -2000
    add.i64 r63, r40, r41
    mov.i64 a0, r63' '' r63=0xfffffffffffffc18 r4=0xfffffffffffffc18 flag=0
regcase widened_twin '    movi.i64.w a0, 100
    addi.i64.w a0, 1000
    add.i64.w a1, a0, a0
    j.w .+6
    movi.i64 a1, 0' '' r4=0x44c r5=0x898
# syscall (docs/abi.md): result in a0, every other register, ib and flag kept
regcase syscall_preserves '    movi.i64 a0, 9
    movi.i64 a1, 11
    movi.i64 a2, 12
    movi.i64 a3, 13
    movi.i64 a4, 14
    movi.i64 a5, 15
    movi.i64 s0, 3
    movi.i64.w r63, -5
    movi.i64.w t0, 124
    cmp.eq.i64 s0, s0
    ibj 64
    syscall' '' r4=0 r5=0xb r8=0xc r9=0xd r10=0xe r11=0xf r1=3 r63=0xfffffffffffffffb r6=0x7c flag=1 ib=0x11040
regcase sysreg_user '    sysread a0, cfreq
    movi.i64 a1, 6
    syswrite a1, fpcontrol
    movi.i64 a1, 1
    sysset a1, fpcontrol
    movi.i64 a1, 2
    sysclear a1, fpcontrol
    sysread s0, fpcontrol
    sysread s1, ctime
    sysread s2, ctime
    cmp.geu.i64 s2, s1
    fence
    movi.i64 s3, 9
    sysread s3, address
    movi.i64 s4, 9
    sysread s4, domain
    wfi' '' r4=0x3e8 r1=5 flag=1 r32=0 r33=0
finish

/*
 * x64emit.h - the JIT's x86-64 instruction encoder.
 *
 * Hand-written, no dependency: each function appends one instruction to
 * an x64_asm buffer.  Operands are registers (x64_reg), memory operands
 * [base + index*scale + disp32] (x64_mem; any base, including rsp/r12
 * which need a SIB byte and rbp/r13 which need a displacement; any index
 * but rsp), immediates, and branch targets given as execution addresses
 * (the buffer knows the address its first byte will run at, which may
 * differ from where it is written: see codebuf.h).  Operand widths are
 * 1, 2, 4 or 8 bytes (X64_B, X64_W, X64_D, X64_Q); a 32-bit result
 * clears the upper half of the register, as the hardware does.
 *
 * The encoder never writes past the buffer: an instruction that does not
 * fit sets `overflow` and is dropped, and so is everything after it; the
 * caller grows or flushes the buffer and translates again.
 *
 * Names follow Intel syntax, destination first: x64_alu_rr(a, X64_ADD,
 * X64_Q, dst, src) is "add dst, src".
 */
#ifndef EMU_JIT_X64EMIT_H
#define EMU_JIT_X64EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum x64_reg {
    X64_RAX, X64_RCX, X64_RDX, X64_RBX, X64_RSP, X64_RBP, X64_RSI, X64_RDI,
    X64_R8, X64_R9, X64_R10, X64_R11, X64_R12, X64_R13, X64_R14, X64_R15,
    X64_NOREG = -1 /* no base or no index in an x64_mem */
} x64_reg;

/* Operand widths in bytes. */
enum { X64_B = 1, X64_W = 2, X64_D = 4, X64_Q = 8 };

/* Condition codes, numbered as in the jcc/setcc/cmovcc opcodes. */
typedef enum x64_cc {
    X64_CC_O, X64_CC_NO, X64_CC_B, X64_CC_AE, X64_CC_E, X64_CC_NE, X64_CC_BE, X64_CC_A,
    X64_CC_S, X64_CC_NS, X64_CC_P, X64_CC_NP, X64_CC_L, X64_CC_GE, X64_CC_LE, X64_CC_G
} x64_cc;
#define X64_CC_INVERT(cc) ((x64_cc)((cc) ^ 1))

/* The eight classic ALU operations, numbered as their /digit. */
typedef enum x64_alu {
    X64_ADD, X64_OR, X64_ADC, X64_SBB, X64_AND, X64_SUB, X64_XOR, X64_CMP
} x64_alu;

/* Shifts and rotates, numbered as their /digit. */
typedef enum x64_shift {
    X64_ROL = 0, X64_ROR = 1, X64_SHL = 4, X64_SHR = 5, X64_SAR = 7
} x64_shift;

/* One-operand group 3 (F7 /digit): not, neg, mul, imul, div, idiv. */
typedef enum x64_unary {
    X64_NOT = 2, X64_NEG = 3, X64_MUL = 4, X64_IMUL1 = 5, X64_DIV = 6, X64_IDIV = 7
} x64_unary;

/* Bit counts (F3 0F xx): popcnt, tzcnt (BMI1), lzcnt (LZCNT/ABM). */
typedef enum x64_bitcount {
    X64_POPCNT = 0xb8, X64_TZCNT = 0xbc, X64_LZCNT = 0xbd
} x64_bitcount;

typedef struct x64_mem {
    int8_t base;   /* x64_reg or X64_NOREG (then [index*scale + disp32]) */
    int8_t index;  /* x64_reg other than rsp, or X64_NOREG */
    uint8_t scale; /* 1, 2, 4 or 8 */
    int32_t disp;
} x64_mem;

static inline x64_mem x64_at(x64_reg base, int32_t disp)
{
    return (x64_mem){(int8_t)base, X64_NOREG, 1, disp};
}

static inline x64_mem x64_at_index(x64_reg base, x64_reg index, int scale, int32_t disp)
{
    return (x64_mem){(int8_t)base, (int8_t)index, (uint8_t)scale, disp};
}

typedef struct x64_asm {
    uint8_t *p;       /* where the bytes are written */
    uint64_t pc;      /* the address p[0] executes at */
    size_t len, cap;
    bool overflow;    /* an instruction did not fit: the code is incomplete */
} x64_asm;

void x64_init(x64_asm *a, void *p, size_t cap, uint64_t pc);
/* Execution address of the next instruction. */
static inline uint64_t x64_here(const x64_asm *a)
{
    return a->pc + a->len;
}

/* Data movement.  Loads of 1 and 2 bytes into a register keep its other
 * bits (x64_movzx/x64_movsx do not); x64_mov_ri picks the shortest of
 * mov r32, imm32 (zero-extending), mov r64, simm32 and movabs. */
void x64_mov_rr(x64_asm *a, int w, x64_reg dst, x64_reg src);
void x64_mov_ri(x64_asm *a, x64_reg dst, int64_t imm);
void x64_mov_ri32(x64_asm *a, x64_reg dst, uint32_t imm);
void x64_movabs(x64_asm *a, x64_reg dst, uint64_t imm);              /* always 10 bytes */
void x64_load(x64_asm *a, int w, x64_reg dst, x64_mem m);            /* mov r, [m] */
void x64_store(x64_asm *a, int w, x64_mem m, x64_reg src);           /* mov [m], r */
void x64_store_i(x64_asm *a, int w, x64_mem m, int32_t imm);         /* 8: sign-extended */
void x64_movzx_rr(x64_asm *a, int srcw, x64_reg dst, x64_reg src);   /* srcw 1, 2 -> r32 */
void x64_movzx(x64_asm *a, int srcw, x64_reg dst, x64_mem m);        /* srcw 1, 2 -> r32 */
void x64_movsx_rr(x64_asm *a, int srcw, x64_reg dst, x64_reg src);   /* srcw 1, 2, 4 -> r64 */
void x64_movsx(x64_asm *a, int srcw, x64_reg dst, x64_mem m);        /* srcw 1, 2, 4 -> r64 */
void x64_lea(x64_asm *a, int w, x64_reg dst, x64_mem m);             /* w 4 or 8 */
void x64_xchg_rr(x64_asm *a, int w, x64_reg r1, x64_reg r2);
void x64_xchg_mr(x64_asm *a, int w, x64_mem m, x64_reg r);
void x64_lock_cmpxchg(x64_asm *a, int w, x64_mem m, x64_reg r);         /* compares with rax */
void x64_bswap(x64_asm *a, int w, x64_reg r);                           /* w 4 or 8 */
void x64_push(x64_asm *a, x64_reg r);
void x64_pop(x64_asm *a, x64_reg r);

/* Arithmetic and logic (w 1, 2, 4, 8; flags as the hardware sets them). */
void x64_alu_rr(x64_asm *a, x64_alu op, int w, x64_reg dst, x64_reg src);
/* reg, imm uses the imm8 form when the value fits */
void x64_alu_ri(x64_asm *a, x64_alu op, int w, x64_reg dst, int32_t imm);
void x64_alu_rm(x64_asm *a, x64_alu op, int w, x64_reg dst, x64_mem m);   /* op r, [m] */
void x64_alu_mr(x64_asm *a, x64_alu op, int w, x64_mem m, x64_reg src);   /* op [m], r */
void x64_alu_mi(x64_asm *a, x64_alu op, int w, x64_mem m, int32_t imm);   /* op [m], imm */
void x64_test_rr(x64_asm *a, int w, x64_reg r1, x64_reg r2);
void x64_test_ri(x64_asm *a, int w, x64_reg r, int32_t imm);
void x64_unary_r(x64_asm *a, x64_unary op, int w, x64_reg r);            /* mul/div: rdx:rax */
void x64_unary_m(x64_asm *a, x64_unary op, int w, x64_mem m);
void x64_imul_rr(x64_asm *a, int w, x64_reg dst, x64_reg src);           /* w 2, 4, 8 */
void x64_imul_rm(x64_asm *a, int w, x64_reg dst, x64_mem m);
void x64_imul_rri(x64_asm *a, int w, x64_reg dst, x64_reg src, int32_t imm);
void x64_cqo(x64_asm *a);                                               /* rdx = sign of rax */
void x64_cdq(x64_asm *a);                                               /* edx = sign of eax */
void x64_shift_ri(x64_asm *a, x64_shift op, int w, x64_reg r, uint8_t n);
void x64_shift_rcl(x64_asm *a, x64_shift op, int w, x64_reg r);         /* by cl */
void x64_bitcount_rr(x64_asm *a, x64_bitcount op, int w, x64_reg dst, x64_reg src); /* w 2, 4, 8 */
void x64_bt_ri(x64_asm *a, int w, x64_reg r, uint8_t bit);              /* CF = bit */
void x64_bt_mi(x64_asm *a, int w, x64_mem m, uint8_t bit);

/* Conditions. */
void x64_setcc(x64_asm *a, x64_cc cc, x64_reg r);                        /* r8 = cc */
void x64_setcc_m(x64_asm *a, x64_cc cc, x64_mem m);                      /* byte [m] = cc */
void x64_cmovcc(x64_asm *a, x64_cc cc, int w, x64_reg dst, x64_reg src); /* w 2, 4, 8 */
void x64_cmovcc_m(x64_asm *a, x64_cc cc, int w, x64_reg dst, x64_mem m);

/* Control flow.  Targets are execution addresses; the rel8 forms need a
 * target within -128..127 bytes of the next instruction (else overflow
 * is set: a translator bug), the rel32 forms within +-2 GiB.  Forward
 * branches to code not yet emitted: emit with the target unknown
 * (x64_here), keep the returned site and fix it with x64_patch_rel*. */
size_t x64_jcc8(x64_asm *a, x64_cc cc, uint64_t target);
size_t x64_jcc32(x64_asm *a, x64_cc cc, uint64_t target);
size_t x64_jmp8(x64_asm *a, uint64_t target);
size_t x64_jmp32(x64_asm *a, uint64_t target);
size_t x64_call32(x64_asm *a, uint64_t target);
void x64_jmp_r(x64_asm *a, x64_reg r);
void x64_jmp_m(x64_asm *a, x64_mem m);
void x64_call_r(x64_asm *a, x64_reg r);
void x64_call_m(x64_asm *a, x64_mem m);
void x64_ret(x64_asm *a);
void x64_mfence(x64_asm *a);
void x64_ud2(x64_asm *a);
void x64_int3(x64_asm *a);
void x64_nop(x64_asm *a, size_t n);                                      /* n one-byte nops */
void x64_nop_one(x64_asm *a, size_t n); /* one nop instruction of n bytes, n <= 3 */
/* A returned site is the offset of the displacement field (the last 1
 * or 4 bytes of the branch); point it at a new target. */
void x64_patch_rel8(x64_asm *a, size_t site, uint64_t target);
void x64_patch_rel32(x64_asm *a, size_t site, uint64_t target);

/* Chaining: a `jmp rel32` whose displacement is 4-byte aligned, so that
 * it can be re-pointed with one atomic 32-bit store while other threads
 * run it (x64_chain_patch, through the writable view of codebuf.h). */
size_t x64_jmp_patchable(x64_asm *a, uint64_t target);
/* ... and a `call rel32` so aligned (its return address is then too). */
size_t x64_call_patchable(x64_asm *a, uint64_t target);
/* disp: the writable address of a patchable site's displacement; site:
 * its execution address.  False when target is out of rel32 reach. */
bool x64_chain_patch(void *disp, uint64_t site, uint64_t target);

#endif

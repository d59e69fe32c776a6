/*
 * tailcall.c - the `tail foo` sequence (docs/abi.md), defined once: the
 * assembler emits these steps and the disassembler recognises them.
 *
 *     mov.i64  t0, ra
 *     addd.i64 t0, ib32(k1)      D.pc = foo - G
 *     slli.i64 t0, 32
 *     srli.i64 t0, 32
 *     srai.i64 ra, 32
 *     addd.i64 ra, ib32(k2)      D.ib = foo.const - G.const
 *     slli.i64 ra, 32
 *     or.i64   ra, ra, t0
 *     j.i64    ib64(k3)          (foo - J, foo.const - Jib)
 */
#include "isa.h"

enum { T0 = GL_REG_T0, RA = GL_REG_RA };
#define RC GL_TAIL_RC
#define RB GL_TAIL_RB
#define RRA GL_TAIL_RA
#define IMM GL_TAIL_IMM

const gl_tail_step gl_tail_seq[GL_TAIL_STEPS] = {
    {GL_OP_MOV, T0, RA, 0, 0, GL_TAIL_PLAIN, RC | RB},
    {GL_OP_ADDD, T0, 0, 0, 0, GL_TAIL_DPC, RC},
    {GL_OP_SLLI, T0, 0, 0, 32, GL_TAIL_PLAIN, RC | IMM},
    {GL_OP_SRLI, T0, 0, 0, 32, GL_TAIL_PLAIN, RC | IMM},
    {GL_OP_SRAI, RA, 0, 0, 32, GL_TAIL_PLAIN, RC | IMM},
    {GL_OP_ADDD, RA, 0, 0, 0, GL_TAIL_DIB, RC},
    {GL_OP_SLLI, RA, 0, 0, 32, GL_TAIL_PLAIN, RC | IMM},
    {GL_OP_OR, RA, RA, T0, 0, GL_TAIL_PLAIN, RC | RB | RRA},
    /* j.i64 does not link: any link register operand is the same jump */
    {GL_OP_LJ, T0, 0, 0, 0, GL_TAIL_JUMP, 0},
};

int gl_tail_step_match(unsigned k, const gl_insn *in)
{
    if (k >= GL_TAIL_STEPS)
        return 0;
    const gl_tail_step *s = &gl_tail_seq[k];
    return in->op == s->op && (!(s->check & RC) || in->rc == s->rc) &&
           (!(s->check & RB) || in->rb == s->rb) && (!(s->check & RRA) || in->ra == s->ra) &&
           (!(s->check & IMM) || in->imm == s->imm);
}

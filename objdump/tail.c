/*
 * tail.c - recognise the `tail foo` sequence (docs/abi.md) so the
 * disassembly can say what it does instead of showing nine unrelated
 * lines:
 *
 *     mov.i64  t0, ra
 *     addd.i64 t0, ib32(k1)      D.pc = foo - G
 *     slli.i64 t0, 32
 *     srli.i64 t0, 32
 *     srai.i64 ra, 32
 *     addd.i64 ra, ib32(k2)      D.ib = foo.const - G.const
 *     slli.i64 ra, 32
 *     or.i64   ra, ra, t0
 *     j.i64    ib64(k3)          tail foo
 *
 * Any length of each instruction is accepted (glyph-as widens the addd
 * when k1/k2 do not fit 16 bits); nothing else may come in between.
 */
#include "od.h"

enum { T0 = 6, RA = 7 };

/* Does in match step k of the sequence? */
static int step_ok(unsigned k, const gl_insn *in)
{
    switch (k) {
    case 0: return in->op == GL_OP_MOV && in->rc == T0 && in->rb == RA;
    case 1: return in->op == GL_OP_ADDD && in->rc == T0;
    case 2: return in->op == GL_OP_SLLI && in->rc == T0 && in->imm == 32;
    case 3: return in->op == GL_OP_SRLI && in->rc == T0 && in->imm == 32;
    case 4: return in->op == GL_OP_SRAI && in->rc == RA && in->imm == 32;
    case 5: return in->op == GL_OP_ADDD && in->rc == RA;
    case 6: return in->op == GL_OP_SLLI && in->rc == RA && in->imm == 32;
    case 7: return in->op == GL_OP_OR && in->rc == RA && in->rb == RA && in->ra == T0;
    case 8: return in->op == GL_OP_LJ;
    }
    return 0;
}

/* Match the whole sequence at off; record where its parts are. */
static int match(const od_sec *s, uint64_t off, od_tail *t)
{
    t->start = off;
    for (unsigned k = 0; k < 9; k++) {
        gl_insn in;
        if (off >= s->size)
            return 0;
        unsigned len = gl_decode(s->data + off, s->size - off, &in);
        if (!len || !step_ok(k, &in))
            return 0;
        if (k == 1)
            t->dpc = off;
        else if (k == 5)
            t->dib = off;
        else if (k == 8)
            t->jump = off;
        off += len;
    }
    t->end = off;
    return 1;
}

enum od_tail_role od_tail_step(const od_file *f, unsigned sec, uint64_t off, od_tail *t)
{
    const od_sec *s = &f->secs[sec];
    if (!t->active || off < t->start || off >= t->end)
        t->active = s->data && match(s, off, t);
    if (!t->active)
        return OD_TAIL_NONE;
    if (off == t->dpc)
        return OD_TAIL_DPC;
    if (off == t->dib)
        return OD_TAIL_DIB;
    if (off == t->jump)
        return OD_TAIL_JUMP;
    return OD_TAIL_NONE;
}

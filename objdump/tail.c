/*
 * tail.c - recognise the `tail foo` sequence (lib/tailcall.c,
 * docs/abi.md) so the disassembly can say what it does instead of
 * showing nine unrelated lines.  Any length of each instruction is
 * accepted (glyph-as widens the addd when k1/k2 do not fit 16 bits);
 * nothing else may come in between.
 */
#include "od.h"

/* Match the whole sequence at off; record where its parts are. */
static int match(const od_sec *s, uint64_t off, od_tail *t)
{
    t->start = off;
    for (unsigned k = 0; k < GL_TAIL_STEPS; k++) {
        gl_insn in;
        if (off >= s->size)
            return 0;
        unsigned len = gl_decode(s->data + off, s->size - off, &in);
        if (!len || !gl_tail_step_match(k, &in))
            return 0;
        switch (gl_tail_seq[k].role) {
        case GL_TAIL_DPC: t->dpc = off; break;
        case GL_TAIL_DIB: t->dib = off; break;
        case GL_TAIL_JUMP: t->jump = off; break;
        }
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

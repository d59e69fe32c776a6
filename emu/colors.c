/*
 * colors.c - the capability extension's policy: colorread, colorwrite,
 * colorexec and the color matrix (in user mode, the executable's
 * NT_GLYPH_COLORS note).  For speed the per-source masks are combined
 * once: code of color s may load from color d when bit d of rmask[s] =
 * colorread & colormatread[s] is set (stores likewise).  With the
 * all-allowed default nothing is checked at all: the interpreter without
 * checks runs.  The checks themselves are the memory layer's (mem.h).
 *
 * Transfers (project extension, docs/isa.md): with an NT_GLYPH_XFER note,
 * entering a block of color d after code of color s ran needs bit d of
 * colormatexec[s].  The run loop (exec.c) checks every block it looks up;
 * blocks chain to each other only along edges it looked up (and so
 * checked) before, so the interpreter's fast path needs no check.  A JIT
 * must check direct edges when it translates or chains them, and
 * indirect ones (returns, jumps through registers) on every lookup.
 */
#include "aspace.h"

void emu_mem_set_xfer(emu_mem *m, const gl_color_xfer *x)
{
    m->caps.xfer_on = 1;
    for (int s = 0; s < GL_COLORS; s++)
        m->caps.xmask[s] = (uint16_t)x->matexec[s];
}

int emu_colors_enter(emu_hart *h, const emu_block *b)
{
    const emu_caps *c = &h->as->mem.caps;
    unsigned s = h->from_color & 15, d = b->color & 15;
    if (!c->xfer_on || s == d || (c->xmask[s] >> d & 1))
        return 1;
    const emu_block *from = h->cur_blk;
    emu_trap *t = &h->trap;
    t->kind = EMU_T_CAP_XFER;
    t->addr = b->pc;
    t->value = 0;
    /* the transfer is the last instruction of the block that ran */
    t->pc = from && from->nuops ? from->u[from->nuops - 1].pc : b->pc;
    t->ib = from ? from->ib : b->ib;
    t->scolor = s;
    t->dcolor = d;
    return 0;
}

void emu_mem_set_caps(emu_mem *m, const gl_color_policy *p)
{
    const uint64_t all = (1u << GL_COLORS) - 1;
    emu_caps *c = &m->caps;
    int allowed = (p->read & all) == all && (p->write & all) == all &&
                  (p->exec & all) == all;
    c->exec = (uint16_t)(p->exec & all);
    for (int s = 0; s < GL_COLORS; s++) {
        c->rmask[s] = (uint16_t)(p->read & p->matread[s] & all);
        c->wmask[s] = (uint16_t)(p->write & p->matwrite[s] & all);
        allowed &= c->rmask[s] == all && c->wmask[s] == all &&
                   (!c->xfer_on || c->xmask[s] == all);
    }
    c->on = !allowed;
}

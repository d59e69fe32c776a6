/*
 * colors.c - the user-mode part of the capability extension: the
 * executable's NT_GLYPH_COLORS policy programs colorread, colorwrite,
 * colorexec and the color matrix.  For speed the per-source masks are
 * combined once: code of color s may load from color d when bit d of
 * rmask[s] = colorread & colormatread[s] is set (stores likewise).
 * With the all-allowed default nothing is checked at all: the loader
 * picks the interpreter without checks.
 *
 * Transfers (project extension, docs/isa.md): with an NT_GLYPH_XFER note,
 * entering a block of color d after code of color s ran needs bit d of
 * colormatexec[s].  The run loop checks every block it looks up; blocks
 * chain to each other only along edges it looked up (and so checked)
 * before, so the interpreter's fast path needs no check.  A JIT must
 * check direct edges when it translates or chains them, and indirect
 * ones (returns, jumps through registers) on every lookup.
 */
#include "emu.h"
#include "block.h"

void emu_colors_set_xfer(emu_ctx *ctx, const gl_color_xfer *x)
{
    ctx->xfer_on = 1;
    for (int s = 0; s < GL_COLORS; s++)
        ctx->xmask[s] = (uint16_t)x->matexec[s];
}

int emu_colors_enter(emu_ctx *ctx, const emu_block *b)
{
    unsigned s = ctx->from_color & 15, d = b->color & 15;
    if (!ctx->xfer_on || s == d || (ctx->xmask[s] >> d & 1))
        return 1;
    const emu_block *from = ctx->cur_blk;
    ctx->trap.kind = EMU_T_CAP_XFER;
    ctx->trap.addr = b->pc;
    /* the transfer is the last instruction of the block that ran */
    ctx->trap.pc = from && from->nuops ? from->u[from->nuops - 1].pc : b->pc;
    ctx->trap.ib = from ? from->ib : b->ib;
    ctx->trap.scolor = s;
    ctx->trap.dcolor = d;
    return 0;
}

void emu_colors_set(emu_ctx *ctx, const gl_color_policy *p)
{
    const uint64_t all = (1u << GL_COLORS) - 1;
    int allowed = (p->read & all) == all && (p->write & all) == all &&
                  (p->exec & all) == all;
    ctx->policy = *p;
    for (int s = 0; s < GL_COLORS; s++) {
        ctx->rmask[s] = (uint16_t)(p->read & p->matread[s] & all);
        ctx->wmask[s] = (uint16_t)(p->write & p->matwrite[s] & all);
        allowed &= ctx->rmask[s] == all && ctx->wmask[s] == all &&
                   (!ctx->xfer_on || ctx->xmask[s] == all);
    }
    ctx->colors_on = !allowed;
}

int emu_colors_allow_exec(const emu_ctx *ctx, unsigned color)
{
    return !ctx->colors_on || (ctx->policy.exec >> color & 1);
}

int emu_colors_allow_read(const emu_ctx *ctx, unsigned s, unsigned d)
{
    return !ctx->colors_on || (ctx->rmask[s & 15] >> d & 1);
}

int emu_colors_allow_write(const emu_ctx *ctx, unsigned s, unsigned d)
{
    return !ctx->colors_on || (ctx->wmask[s & 15] >> d & 1);
}

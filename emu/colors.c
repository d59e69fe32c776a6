/*
 * colors.c - the user-mode part of the capability extension: the
 * executable's NT_GLYPH_COLORS policy programs colorread, colorwrite,
 * colorexec and the color matrix.  For speed the per-source masks are
 * combined once: code of color s may load from color d when bit d of
 * rmask[s] = colorread & colormatread[s] is set (stores likewise).
 * With the all-allowed default nothing is checked at all: the loader
 * picks the interpreter without checks.
 */
#include "emu.h"

void emu_colors_set(emu_ctx *ctx, const gl_color_policy *p)
{
    const uint64_t all = (1u << GL_COLORS) - 1;
    int allowed = (p->read & all) == all && (p->write & all) == all &&
                  (p->exec & all) == all;
    ctx->policy = *p;
    for (int s = 0; s < GL_COLORS; s++) {
        ctx->rmask[s] = (uint16_t)(p->read & p->matread[s] & all);
        ctx->wmask[s] = (uint16_t)(p->write & p->matwrite[s] & all);
        allowed &= ctx->rmask[s] == all && ctx->wmask[s] == all;
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

/*
 * colors.c - the capability extension's policy: colorread, colorwrite,
 * colorexec and the color matrix (in user mode, the executable's
 * NT_GLYPH_COLORS note).  For speed the per-source masks are combined
 * once: code of color s may load from color d when bit d of rmask[s] =
 * colorread & colormatread[s] is set (stores likewise).  With the
 * all-allowed default nothing is checked at all: the interpreter without
 * checks runs.  The checks themselves are the memory layer's (mem.h).
 */
#include "mem.h"

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
        allowed &= c->rmask[s] == all && c->wmask[s] == all;
    }
    c->on = !allowed;
}

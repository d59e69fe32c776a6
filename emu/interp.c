/*
 * interp.c - the block interpreter (body in interp_body.h), built in
 * three variants: plain, checking (capability colors and, from the page
 * table, read permission on every load), and translating (every access
 * through the memory's slow path, which checks permissions itself).  The
 * plain one runs unless a color policy is active or a page is mapped
 * without read permission; the translating one only when a machine has
 * installed a slow path.
 */
#include <string.h>
#include <time.h>

#include "aspace.h"

/* cfreq: length of a ctime tick in picoseconds; ctime counts ns. */
#define EMU_CFREQ_PS 1000

static uint64_t emu_ctime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void emu_interp_select(emu_aspace *as)
{
    emu_interp_fn want = as->mem.xlate ? emu_interp_xlate
                         : as->mem.caps.on || as->mem.unreadable ? emu_interp_colors
                                                                 : emu_interp_plain;
    if (as->interp == want)
        return;
    /* blocks hold the handlers of one variant: no hart may run them */
    emu_exclusive_begin(as);
    if (as->interp != want) {
        if (as->interp)
            emu_cache_flush(as);
        as->interp = want;
        want(NULL, as, NULL); /* its handler table, for the block builder */
    }
    emu_exclusive_end(as);
}

#define INTERP_FN emu_interp_plain
#define INTERP_COLORS 0
#define INTERP_XLATE 0
#include "interp_body.h"
#undef INTERP_FN
#undef INTERP_COLORS
#undef INTERP_XLATE

#define INTERP_FN emu_interp_colors
#define INTERP_COLORS 1
#define INTERP_XLATE 0
#include "interp_body.h"
#undef INTERP_FN
#undef INTERP_COLORS
#undef INTERP_XLATE

/* permissions and colors are the translation's to check */
#define INTERP_FN emu_interp_xlate
#define INTERP_COLORS 0
#define INTERP_XLATE 1
#include "interp_body.h"
#undef INTERP_FN
#undef INTERP_COLORS
#undef INTERP_XLATE

/*
 * interp.c - the block interpreter (body in interp_body.h), built in two
 * variants: plain, and checking (capability colors and, from the page
 * table, read permission on every load).  The plain one runs unless a
 * color policy is active or a page is mapped without read permission.
 */
#include <string.h>
#include <time.h>

#include "emu.h"

/* cfreq: length of a ctime tick in picoseconds; ctime counts ns. */
#define EMU_CFREQ_PS 1000

static inline uint64_t ld64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint32_t ld32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint16_t ld16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static inline void st64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static inline void st32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void st16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }

static uint64_t emu_ctime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

#define CAP_OK 0xffu

/* Colors variant: may code whose allowed-data mask is `mask` touch
 * [a, a+n)?  CAP_OK, or the offending page's color. */
static inline unsigned cap_check(const emu_ctx *ctx, unsigned mask, uint64_t a,
                                 unsigned n)
{
    unsigned d = ctx->mem.color[a >> EMU_PAGE_SHIFT];
    if (!(mask >> d & 1))
        return d;
    uint64_t e = a + n - 1;
    if ((e ^ a) >> EMU_PAGE_SHIFT && e < EMU_GUEST_SIZE) {
        d = ctx->mem.color[e >> EMU_PAGE_SHIFT];
        if (!(mask >> d & 1))
            return d;
    }
    return CAP_OK;
}

/* The address to report: the first byte on a forbidden page. */
static inline uint64_t cap_addr(uint64_t a, unsigned n, const emu_ctx *ctx,
                                unsigned mask)
{
    unsigned d = ctx->mem.color[a >> EMU_PAGE_SHIFT];
    if (!(mask >> d & 1))
        return a;
    (void)n;
    return emu_page_down(a) + EMU_PAGE_SIZE;
}

/* Checking variant: may [a, a+n) be read?  Every page it touches must
 * carry EMU_P_R in the page table (the host mapping of an execute-only
 * or write-only page is readable). */
static inline int perm_read_ok(const emu_ctx *ctx, uint64_t a, unsigned n)
{
    if (!(ctx->mem.perm[a >> EMU_PAGE_SHIFT] & EMU_P_R))
        return 0;
    uint64_t e = a + n - 1;
    return !((e ^ a) >> EMU_PAGE_SHIFT) || e >= EMU_GUEST_SIZE ||
           (ctx->mem.perm[e >> EMU_PAGE_SHIFT] & EMU_P_R);
}

/* The first byte of [a, a+n) on a page that may not be read. */
static inline uint64_t perm_read_addr(const emu_ctx *ctx, uint64_t a)
{
    if (!(ctx->mem.perm[a >> EMU_PAGE_SHIFT] & EMU_P_R))
        return a;
    return emu_page_down(a) + EMU_PAGE_SIZE;
}

void emu_interp_select(emu_ctx *ctx)
{
    emu_interp_fn want = ctx->colors_on || ctx->unreadable ? emu_interp_colors
                                                           : emu_interp_plain;
    if (ctx->interp == want)
        return;
    if (ctx->interp)
        emu_cache_flush(ctx);
    ctx->interp = want;
    want(ctx, NULL); /* its handler table, for the block builder */
}

void emu_note_prot(emu_ctx *ctx, unsigned prot)
{
    if ((prot & (EMU_P_W | EMU_P_X)) && !(prot & EMU_P_R) && !ctx->unreadable) {
        ctx->unreadable = 1;
        if (ctx->interp)
            emu_interp_select(ctx);
    }
}

#define INTERP_FN emu_interp_plain
#define INTERP_COLORS 0
#include "interp_body.h"
#undef INTERP_FN
#undef INTERP_COLORS

#define INTERP_FN emu_interp_colors
#define INTERP_COLORS 1
#include "interp_body.h"
#undef INTERP_FN
#undef INTERP_COLORS

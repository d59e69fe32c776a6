/*
 * main.c - glyph-ld as a list of passes.  Each pass works on the one
 * context; a pass that found errors stops the link before anything is
 * written (errors of one pass are all reported first).
 */
#include <stdlib.h>
#include <unistd.h>

#include "ld.h"

/* -u, -e and --defsym targets are wanted like undefined references, so
 * archives pull their members; --defsym names are defined up front. */
static void seed_symbols(ld_ctx *ctx)
{
    ld_sym_intern(ctx, ctx->entry)->strong_ref = 1;
    for (size_t i = 0; i < ctx->nundefs; i++)
        ld_sym_intern(ctx, ctx->undefs[i])->strong_ref = 1;
    for (size_t i = 0; i < ctx->ndefsyms; i++) {
        ld_defsym *d = &ctx->defsyms[i];
        ld_symbol *g = ld_sym_intern(ctx, d->name);
        g->defsym = 1;
        g->state = LD_SYM_DEF;
        g->sec = NULL;
        g->type = STT_NOTYPE;
        if (d->target)
            ld_sym_intern(ctx, d->target)->strong_ref = 1;
    }
}

static int run_passes(ld_ctx *ctx)
{
    ld_policy_build(ctx);                          /* color policy */
    if (ctx->nerrors)
        return 1;
    seed_symbols(ctx);
    ld_load_inputs(ctx);                           /* objects, archives */
    /* bad inputs stop here; duplicates (the first definition stays) go
     * on, so undefined references are listed in the same run */
    if (ctx->nerrors > ctx->nduplicates)
        return 1;
    ld_resolve_finish(ctx);                        /* commons, _end... */
    ld_gc_sections(ctx);                           /* what is kept */
    unsigned before = ctx->nerrors;
    ld_compartments(ctx);                          /* needs, colors */
    if (ctx->nerrors > before)
        return 1;
    ld_layout(ctx);                                /* addresses */
    ld_defsyms_apply(ctx);                         /* --defsym values */
    ld_entry_check(ctx);                           /* e_entry, entry ib */
    ld_relocate(ctx);                              /* patch the image */
    ld_debug_layout(ctx);                          /* .debug_*, relocated */
    if (ctx->nerrors)
        return 1;
    ld_map(ctx);                                   /* -Map, -M */
    if (ctx->nerrors || !ld_write(ctx))            /* the executable */
        return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (elf_version(EV_CURRENT) == EV_NONE)
        return 1;
    ld_ctx ctx = {0};
    ctx.objects_tail = &ctx.objects;
    int r = ld_options(&ctx, argc, argv);          /* command line */
    int status = r == 2 ? 0 : r;
    if (r == 0) {
        status = run_passes(&ctx);
        /* like GNU ld: a failed link leaves no (stale) output behind */
        if (status)
            unlink(ctx.output);
    }
    ld_layout_free(&ctx);
    ld_debug_free(&ctx);
    ld_compartments_free(&ctx);
    ld_archives_free(&ctx);
    ld_objects_free(&ctx);
    ld_symtab_free(&ctx);
    ld_options_free(&ctx);
    return status;
}

/*
 * defsym.c - the values of --defsym symbols (after layout).
 *
 * SYM=NUMBER is absolute; SYM=TARGET[+-N] is TARGET's final address
 * plus N.  A TARGET that is itself a --defsym is evaluated first,
 * whatever the command-line order (GNU ld does the same), so the values
 * never depend on the order the options were written in.  When a name
 * is given several times the last --defsym wins.  A chain that comes
 * back to itself is an error naming every link of it.
 */
#include <stdlib.h>
#include <string.h>

#include "ld.h"

enum { DS_NEW, DS_BUSY, DS_DONE, DS_FAILED, DS_CYCLE };

typedef struct dseval {
    ld_ctx *ctx;
    unsigned char *state; /* one per ctx->defsyms */
} dseval;

/* The --defsym that gives NAME its value (the last one), or -1. */
static long winner(ld_ctx *ctx, const char *name)
{
    for (size_t i = ctx->ndefsyms; i-- > 0;)
        if (strcmp(ctx->defsyms[i].name, name) == 0)
            return (long)i;
    return -1;
}

static int eval(dseval *e, size_t i)
{
    ld_ctx *ctx = e->ctx;
    ld_defsym *d = &ctx->defsyms[i];
    if (e->state[i] != DS_NEW)
        return e->state[i] == DS_DONE;
    e->state[i] = DS_BUSY;
    uint64_t v = (uint64_t)d->offset;
    if (d->target) {
        long k = winner(ctx, d->target);
        if (k >= 0 && (e->state[k] == DS_BUSY || e->state[k] == DS_CYCLE)) {
            e->state[i] = DS_CYCLE; /* reported in command-line order */
            return 0;
        }
        if (k >= 0 && !eval(e, (size_t)k)) {
            e->state[i] = e->state[k] == DS_CYCLE ? DS_CYCLE : DS_FAILED;
            return 0;
        }
        ld_symbol *t = ld_sym_lookup(ctx, d->target);
        if (!t || t->state != LD_SYM_DEF) {
            ld_error(ctx, "--defsym %s: undefined symbol '%s'", d->name, d->target);
            e->state[i] = DS_FAILED;
            return 0;
        }
        v += t->addr;
    }
    if (winner(ctx, d->name) == (long)i) {
        ld_symbol *g = ld_sym_lookup(ctx, d->name);
        g->addr = v;
        g->value = v;
    }
    e->state[i] = DS_DONE;
    return 1;
}

/* "a = c, c = a+1": the chain from defsym i until it repeats. */
static char *chain(ld_ctx *ctx, size_t i)
{
    char *s = NULL;
    unsigned char *seen = ld_alloc(ctx->ndefsyms);
    for (long k = (long)i; k >= 0 && !seen[k];) {
        ld_defsym *d = &ctx->defsyms[k];
        seen[k] = 1;
        char *next = ld_format("%s%s%s = %s", s ? s : "", s ? ", " : "", d->name, d->expr);
        free(s);
        s = next;
        k = d->target ? winner(ctx, d->target) : -1;
    }
    free(seen);
    return s;
}

void ld_defsyms_apply(ld_ctx *ctx)
{
    dseval e = {ctx, ld_alloc(ctx->ndefsyms)};
    for (size_t i = 0; i < ctx->ndefsyms; i++)
        eval(&e, i);
    for (size_t i = 0; i < ctx->ndefsyms; i++) {
        if (e.state[i] != DS_CYCLE)
            continue;
        char *c = chain(ctx, i);
        ld_error(ctx, "--defsym %s: circular definition (%s)", ctx->defsyms[i].name, c);
        free(c);
    }
    free(e.state);
}

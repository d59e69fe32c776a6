/*
 * symtab.c - the global symbol table: a chained hash of ld_symbol by
 * name.  Locals never enter it; they stay in their object.
 */
#include <stdlib.h>
#include <string.h>

#include "ld.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

ld_symbol *ld_sym_lookup(ld_ctx *ctx, const char *name)
{
    if (!ctx->nbuckets)
        return NULL;
    for (ld_symbol *s = ctx->buckets[hash(name) % ctx->nbuckets]; s; s = s->hnext)
        if (strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

static void rehash(ld_ctx *ctx)
{
    size_t n = ctx->nbuckets ? ctx->nbuckets * 2 : 256;
    ld_symbol **b = ld_alloc(n * sizeof *b);
    for (size_t i = 0; i < ctx->nbuckets; i++) {
        ld_symbol *s = ctx->buckets[i], *next;
        for (; s; s = next) {
            next = s->hnext;
            size_t k = hash(s->name) % n;
            s->hnext = b[k];
            b[k] = s;
        }
    }
    free(ctx->buckets);
    ctx->buckets = b;
    ctx->nbuckets = n;
}

ld_symbol *ld_sym_intern(ld_ctx *ctx, const char *name)
{
    ld_symbol *s = ld_sym_lookup(ctx, name);
    if (s)
        return s;
    if (ctx->nsymbols >= ctx->nbuckets)
        rehash(ctx);
    s = ld_alloc(sizeof *s);
    s->name = ld_strdup(name);
    size_t k = hash(name) % ctx->nbuckets;
    s->hnext = ctx->buckets[k];
    ctx->buckets[k] = s;
    ctx->nsymbols++;
    return s;
}

int ld_sym_wanted(ld_ctx *ctx, const char *name)
{
    ld_symbol *s = ld_sym_lookup(ctx, name);
    return s && s->state == LD_SYM_UNDEF && s->strong_ref;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(ld_symbol *const *)a)->name, (*(ld_symbol *const *)b)->name);
}

ld_symbol **ld_sym_sorted(ld_ctx *ctx, size_t *n)
{
    ld_symbol **v = ld_alloc((ctx->nsymbols + 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < ctx->nbuckets; i++)
        for (ld_symbol *s = ctx->buckets[i]; s; s = s->hnext)
            v[k++] = s;
    qsort(v, k, sizeof *v, by_name);
    *n = k;
    return v;
}

void ld_symtab_free(ld_ctx *ctx)
{
    for (size_t i = 0; i < ctx->nbuckets; i++) {
        ld_symbol *s = ctx->buckets[i], *next;
        for (; s; s = next) {
            next = s->hnext;
            free(s->name);
            free(s);
        }
    }
    free(ctx->buckets);
    ctx->buckets = NULL;
    ctx->nbuckets = ctx->nsymbols = 0;
}

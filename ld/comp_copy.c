/*
 * comp_copy.c - copies of library code for compartments: an unplaced
 * archive member without writable bytes (or, named by a policy "copy
 * FILE" line, one with them: each copy then has its own state) is linked
 * once per compartment that reaches it, so it runs on each caller's
 * color with the caller's rights (docs/ld.md, "Shared code and state").  The
 * original serves the first such compartment; relocations from a
 * compartment to the member land in its copy (ld_sym_address).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"


/* Where a reference from compartment comp to section t lands: its copy
 * in comp when t belongs to a copied stateless member. */
ld_section *ld_comp_redirect(int comp, ld_section *t)
{
    if (comp >= 0 && t->obj->copies && t->obj->copies[comp])
        return &t->obj->copies[comp]->secs[t->index];
    return t;
}

/* An archive member nobody placed whose kept sections hold no writable
 * bytes: it has no state, so each caller can run its own copy, on its
 * own color, with its own rights. */
static int is_stateless(const ld_ctx *ctx, const ld_object *o)
{
    if (!ld_is_member(o) || o == ctx->linker_obj)
        return 0;
    int copy_state = 0; /* "copy FILE": its state is per compartment too */
    for (size_t i = 0; i < ctx->ncopy_pats; i++)
        copy_state |= ld_file_matches(ctx->copy_pats[i], o);
    int any = 0;
    for (size_t i = 1; i < o->nsecs; i++) {
        const ld_section *s = &o->secs[i];
        if (s->kind == LD_KIND_NONE || !s->live)
            continue;
        if (s->comp_pinned || s->comp_name ||
            (!copy_state && (s->kind == LD_KIND_DATA || s->kind == LD_KIND_BSS) && s->size))
            return 0;
        any = 1;
    }
    return any;
}

typedef struct want {
    ld_object *o;
    int comp;
} want;

/* Mark (t's object, comp) when t is stateless code comp reaches; queue
 * it the first time. */
static void reach(ld_ctx *ctx, unsigned char *seen, ld_object **objs, size_t nobj,
                  want **q, size_t *nq, size_t *cap, ld_section *t, int comp)
{
    if (!t || !t->live || !t->obj->stateless || comp < 0)
        return;
    size_t k = 0;
    while (k < nobj && objs[k] != t->obj)
        k++;
    if (seen[k * ctx->ncomps + (size_t)comp]++)
        return;
    ld_grow(q, cap, *nq, sizeof **q);
    (*q)[(*nq)++] = (want){t->obj, comp};
}

static void scan_reach(ld_ctx *ctx, unsigned char *seen, ld_object **objs, size_t nobj,
                       want **q, size_t *nq, size_t *cap, ld_object *o, int comp_or_own)
{
    for (size_t i = 1; i < o->nsecs; i++) {
        ld_section *s = &o->secs[i];
        if (!s->live || s->kind == LD_KIND_NONE)
            continue;
        int comp = comp_or_own >= 0 ? comp_or_own : s->comp;
        for (size_t r = 0; r < s->nrelas; r++)
            if (s->relas[r].type != R_GLYPH_SUB32 && s->relas[r].type != R_GLYPH_SUB64)
                reach(ctx, seen, objs, nobj, q, nq, cap, ld_sym_section(o, s->relas[r].sym),
                      comp);
    }
}

static ld_object *copy_object(ld_ctx *ctx, ld_object *o, int comp)
{
    ld_object *k = ld_alloc(sizeof *k);
    k->name = ld_format("%s[%s]", o->name, ctx->comps[comp].name);
    k->strings = o->strings;
    k->nstrings = o->nstrings;
    k->copy_of = o;
    k->nsecs = o->nsecs;
    k->secs = ld_alloc((o->nsecs + 1) * sizeof *k->secs);
    memcpy(k->secs, o->secs, (o->nsecs + 1) * sizeof *k->secs);
    for (size_t i = 0; i < o->nsecs; i++) {
        ld_section *s = &k->secs[i];
        s->obj = k;
        s->comp = comp;
        s->comp_name = NULL;
        s->out = NULL;
        if (s->data) {
            s->data = ld_alloc(s->size);
            memcpy(s->data, o->secs[i].data, s->size);
        }
        if (s->relas) {
            s->relas = ld_alloc(s->nrelas * sizeof *s->relas);
            memcpy(s->relas, o->secs[i].relas, s->nrelas * sizeof *s->relas);
        }
    }
    k->nsyms = o->nsyms;
    k->syms = ld_alloc((o->nsyms + 1) * sizeof *k->syms);
    memcpy(k->syms, o->syms, o->nsyms * sizeof *k->syms);
    *ctx->objects_tail = k;
    ctx->objects_tail = &k->next;
    ctx->nobjects++;
    return k;
}

void ld_comp_copy_stateless(ld_ctx *ctx)
{
    size_t nobj = 0;
    for (ld_object *o = ctx->objects; o; o = o->next)
        o->stateless = is_stateless(ctx, o), nobj++;
    ld_object **objs = ld_alloc((nobj + 1) * sizeof *objs);
    nobj = 0;
    for (ld_object *o = ctx->objects; o; o = o->next)
        objs[nobj++] = o;
    unsigned char *seen = ld_alloc(nobj * ctx->ncomps + 1);
    want *q = NULL;
    size_t nq = 0, cap = 0;
    for (size_t i = 0; i < nobj; i++)
        if (!objs[i]->stateless)
            scan_reach(ctx, seen, objs, nobj, &q, &nq, &cap, objs[i], -1);
    for (size_t i = 0; i < nq; i++) /* q grows while we walk it */
        scan_reach(ctx, seen, objs, nobj, &q, &nq, &cap, q[i].o, q[i].comp);
    for (size_t k = 0; k < nobj; k++) {
        ld_object *o = objs[k];
        if (!o->stateless)
            continue;
        int first = -1;
        for (size_t c = 0; c < ctx->ncomps; c++) {
            if (!seen[k * ctx->ncomps + c])
                continue;
            if (first < 0) { /* the original serves the first caller */
                first = (int)c;
                for (size_t i = 0; i < o->nsecs; i++)
                    o->secs[i].comp = first;
                continue;
            }
            if (!o->copies)
                o->copies = ld_alloc(ctx->ncomps * sizeof *o->copies);
            o->copies[c] = copy_object(ctx, o, (int)c);
        }
    }
    free(q);
    free(seen);
    free(objs);
}


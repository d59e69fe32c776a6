/*
 * symbols.c - the symbol table (a chained hash of names), internal
 * location markers, and GNU-style numeric local labels ("1:", "1b", "1f").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "as.h"

static size_t hash(const char *s, size_t n)
{
    size_t h = 5381;
    for (size_t i = 0; i < n; i++)
        h = h * 33 ^ (unsigned char)s[i];
    return h;
}

static void grow(as_ctx *c)
{
    size_t nsize = c->hashsize ? c->hashsize * 2 : 1024;
    as_sym **nh = as_xrealloc(NULL, nsize * sizeof *nh);
    memset(nh, 0, nsize * sizeof *nh);
    for (size_t i = 0; i < c->hashsize; i++) {
        for (as_sym *s = c->hash[i], *next; s; s = next) {
            next = s->hnext;
            size_t h = s->hash & (nsize - 1);
            s->hnext = nh[h];
            nh[h] = s;
        }
    }
    free(c->hash);
    c->hash = nh;
    c->hashsize = nsize;
}

static as_sym *lookup(as_ctx *c, const char *name, size_t n)
{
    if (!c->hashsize)
        return NULL;
    uint32_t h = (uint32_t)hash(name, n);
    for (as_sym *s = c->hash[h & (c->hashsize - 1)]; s; s = s->hnext)
        if (s->hash == h && strncmp(s->name, name, n) == 0 && s->name[n] == 0)
            return s;
    return NULL;
}

/* A fixed table of names (mnemonics, directives) to numbers. */
as_index *as_index_new(as_ctx *c, size_t names)
{
    as_index *x = as_alloc(c, sizeof *x);
    x->cap = 16;
    while (x->cap < 2 * names)
        x->cap *= 2;
    x->slot = as_alloc(c, x->cap * sizeof *x->slot);
    return x;
}

int as_index_find(const as_index *x, const char *s, size_t n)
{
    for (size_t h = hash(s, n) & (x->cap - 1); x->slot[h].name; h = (h + 1) & (x->cap - 1))
        if (x->slot[h].len == n && memcmp(x->slot[h].name, s, n) == 0)
            return x->slot[h].val;
    return -1;
}

void as_index_add(as_index *x, const char *name, int val)
{
    size_t n = strlen(name), h = hash(name, n) & (x->cap - 1);
    while (x->slot[h].name)
        h = (h + 1) & (x->cap - 1);
    x->slot[h].name = name;
    x->slot[h].len = n;
    x->slot[h].val = val;
}

/* One arena copy per distinct string (mnemonics as written, kept in
 * items for messages): open addressing, grown at half full. */
const char *as_intern(as_ctx *c, const char *s, size_t n)
{
    if (c->ninterned * 2 >= c->capinterned) {
        size_t ncap = c->capinterned ? 2 * c->capinterned : 256;
        const char **nt = as_xrealloc(NULL, ncap * sizeof *nt);
        memset(nt, 0, ncap * sizeof *nt);
        for (size_t i = 0; i < c->capinterned; i++) {
            const char *t = c->interned[i];
            if (!t)
                continue;
            size_t h = hash(t, strlen(t)) & (ncap - 1);
            while (nt[h])
                h = (h + 1) & (ncap - 1);
            nt[h] = t;
        }
        free(c->interned);
        c->interned = nt;
        c->capinterned = ncap;
    }
    size_t h = hash(s, n) & (c->capinterned - 1);
    for (; c->interned[h]; h = (h + 1) & (c->capinterned - 1))
        if (strncmp(c->interned[h], s, n) == 0 && c->interned[h][n] == 0)
            return c->interned[h];
    c->ninterned++;
    return c->interned[h] = as_strndup(c, s, n);
}

as_sym *as_sym_find(as_ctx *c, const char *name)
{
    return lookup(c, name, strlen(name));
}

as_sym *as_sym_get(as_ctx *c, const char *name, size_t n)
{
    as_sym *s = lookup(c, name, n);
    if (s)
        return s;
    if (c->nsyms * 2 >= c->hashsize)
        grow(c);
    s = as_alloc(c, sizeof *s);
    s->name = as_strndup(c, name, n);
    s->kind = SYM_UNDEF;
    s->reg = (int8_t)gl_reg_parse(name, n);
    s->hash = (uint32_t)hash(name, n);
    size_t h = s->hash & (c->hashsize - 1);
    s->hnext = c->hash[h];
    c->hash[h] = s;
    c->nsyms++;
    return s;
}

as_sym *as_sym_internal(as_ctx *c)
{
    as_sym *s = as_alloc(c, sizeof *s);
    char buf[32];
    snprintf(buf, sizeof buf, ".L.loc%d", c->ninternal++);
    s->name = as_strdup(c, buf);
    s->kind = SYM_UNDEF;
    s->internal = 1;
    s->reg = -1; /* never a register, whatever the name */
    return s;
}

as_sym *as_sym_at(as_ctx *c, as_section *sec, as_item *it)
{
    if (it->dotsym)
        return it->dotsym;
    as_sym *s = as_sym_internal(c);
    s->kind = SYM_LABEL;
    s->sec = sec;
    s->item = it;
    s->func = sec->cur_func;
    it->dotsym = s;
    return s;
}

/* Instance k of local label N is named "N\002k" (cannot clash). */
static as_sym *numlabel(as_ctx *c, uint64_t n, uint64_t k)
{
    char buf[64];
    int len = snprintf(buf, sizeof buf, "%llu\002%llu", (unsigned long long)n,
                       (unsigned long long)k);
    return as_sym_get(c, buf, (size_t)len);
}

static uint64_t *count_of(as_ctx *c, uint64_t n)
{
    if (n >= c->numlabel_cap) {
        size_t ncap = c->numlabel_cap ? c->numlabel_cap : 16;
        while (ncap <= n)
            ncap *= 2;
        c->numlabel_count = as_xrealloc(c->numlabel_count, ncap * sizeof(uint64_t));
        memset(c->numlabel_count + c->numlabel_cap, 0,
               (ncap - c->numlabel_cap) * sizeof(uint64_t));
        c->numlabel_cap = ncap;
    }
    return &c->numlabel_count[n];
}

as_sym *as_numlabel_ref(as_ctx *c, uint64_t n, int forward, as_loc loc)
{
    if (n > 100000) {
        as_error(c, loc, "local label number %llu is too large (at most 100000)",
                 (unsigned long long)n);
        n = 0;
    }
    uint64_t k = *count_of(c, n);
    if (!forward && k == 0) {
        as_error(c, loc, "backward reference to local label `%llub`, but no `%llu:` "
                         "is defined before it",
                 (unsigned long long)n, (unsigned long long)n);
        as_sym *bad = numlabel(c, n, 0);
        bad->internal = 1; /* reported once, here */
        return bad;
    }
    as_sym *s = numlabel(c, n, forward ? k + 1 : k);
    s->local = 1;
    if (!s->ref_loc.file)
        s->ref_loc = loc;
    return s;
}

as_sym *as_numlabel_def(as_ctx *c, uint64_t n)
{
    uint64_t *k = count_of(c, n > 100000 ? 0 : n);
    ++*k;
    as_sym *s = numlabel(c, n, *k);
    s->local = 1;
    return s;
}

as_sym *as_sym_rebind(as_ctx *c, as_sym *old)
{
    as_sym *s = as_alloc(c, sizeof *s);
    *s = *old;
    size_t h = hash(old->name, strlen(old->name)) & (c->hashsize - 1);
    for (as_sym **pp = &c->hash[h]; *pp; pp = &(*pp)->hnext)
        if (*pp == old) {
            *pp = s;
            break;
        }
    old->hnext = NULL;
    old->global = 0;
    old->internal = 1; /* the old binding is not written out */
    return s;
}

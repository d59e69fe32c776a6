/*
 * arena.c - the arena every node of a run lives in (freed all at once
 * when the run ends) and the checked realloc behind growable vectors.
 */
#include <stdlib.h>
#include <string.h>

#include "as.h"

/* Arena: a list of chunks; freed all at once when the run ends. */
struct as_chunk {
    as_chunk *next;
    size_t used, size;
    max_align_t data[];
};

void *as_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("glyph-as: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

void *as_alloc(as_ctx *c, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    as_chunk *k = c->arena;
    if (!k || k->size - k->used < n) {
        size_t size = n > 65536 ? n : 65536;
        k = as_xrealloc(NULL, sizeof *k + size);
        k->next = c->arena;
        k->used = 0;
        k->size = size;
        c->arena = k;
    }
    void *p = (char *)k->data + k->used;
    k->used += n;
    memset(p, 0, n);
    return p;
}

char *as_strndup(as_ctx *c, const char *s, size_t n)
{
    char *p = as_alloc(c, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *as_strdup(as_ctx *c, const char *s) { return as_strndup(c, s, strlen(s)); }

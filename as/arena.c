/*
 * arena.c - the arena every node of a run lives in (freed all at once
 * when the run ends), the line arena that a line's tokens, operand lists
 * and expression trees are parsed into (reused for every line, so its
 * size is that of the longest line, not of the file), and the checked
 * realloc behind growable vectors.
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

static void *chunk_alloc(as_chunk **head, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    as_chunk *k = *head;
    if (!k || k->size - k->used < n) {
        size_t size = n > 65536 ? n : 65536;
        k = as_xrealloc(NULL, sizeof *k + size);
        k->next = *head;
        k->used = 0;
        k->size = size;
        *head = k;
    }
    void *p = (char *)k->data + k->used;
    k->used += n;
    memset(p, 0, n);
    return p;
}

void *as_alloc(as_ctx *c, size_t n) { return chunk_alloc(&c->arena, n); }

void *as_line_alloc(as_ctx *c, size_t n) { return chunk_alloc(&c->line_arena, n); }

void *as_item_alloc(as_ctx *c, size_t n) { return chunk_alloc(&c->item_arena, n); }

void as_line_reset(as_ctx *c)
{
#if defined(__SANITIZE_ADDRESS__)
    /* sanitizer build: nothing is reused, so a line node used after its
     * line (not kept with as_expr_keep) is a reported use after free */
    as_arena_free(&c->line_arena);
    return;
#endif
    /* keep the newest chunk (the others were outgrown by a long line) */
    as_chunk *k = c->line_arena;
    if (!k)
        return;
    while (k->next) {
        as_chunk *n = k->next;
        k->next = n->next;
        free(n);
    }
    k->used = 0;
}

void as_arena_free(as_chunk **head)
{
    while (*head) {
        as_chunk *k = *head;
        *head = k->next;
        free(k);
    }
}

char *as_strndup(as_ctx *c, const char *s, size_t n)
{
    char *p = as_alloc(c, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *as_strdup(as_ctx *c, const char *s) { return as_strndup(c, s, strlen(s)); }

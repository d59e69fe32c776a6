/*
 * alloc.c - the memory helpers every pass uses: zeroed allocation that
 * ends the run on exhaustion, growable arrays, formatted strings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld.h"

static void oom(void)
{
    fprintf(stderr, "%s: error: out of memory\n", LD_NAME);
    exit(1);
}

void *ld_alloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *ld_realloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

char *ld_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(ld_alloc(n), s, n);
}

char *ld_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = ld_alloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void ld_grow(void *arr, size_t *cap, size_t n, size_t sz)
{
    void **p = arr;
    if (n < *cap)
        return;
    size_t c = *cap ? *cap * 2 : 8;
    while (c <= n)
        c *= 2;
    *p = ld_realloc(*p, c * sz);
    memset((char *)*p + *cap * sz, 0, (c - *cap) * sz);
    *cap = c;
}

uint64_t ld_align_up(uint64_t v, uint64_t a)
{
    if (a <= 1)
        return v;
    return (v + a - 1) / a * a;
}
